// From the provider's claims to a console role and a username (lib/domain/users.ts).
import { describe, expect, it } from "vitest";
import { groupsFromClaims, isLoopbackHost, parseRoleMap, roleForGroups, usernameFromClaims, type RoleMapping } from "@/lib/domain/users";

const MAP: RoleMapping[] = [
  { group: "dts-admins", role: "admin" },
  { group: "dts-operators", role: "operator" },
  { group: "dts-viewers", role: "viewer" },
];

describe("the role a person's groups give", () => {
  it("is the highest role any of the groups maps to, whatever the order", () => {
    expect(roleForGroups(["dts-viewers", "dts-admins"], MAP, null)).toBe("admin");
    expect(roleForGroups(["staff", "dts-operators", "dts-viewers"], MAP, null)).toBe("operator");
    expect(roleForGroups(["dts-viewers"], [...MAP].reverse(), null)).toBe("viewer");
  });

  it("is the default role without a mapped group, or none (refused)", () => {
    expect(roleForGroups(["staff"], MAP, "viewer")).toBe("viewer");
    expect(roleForGroups([], MAP, null)).toBeNull();
    // A default never lowers a mapped role.
    expect(roleForGroups(["dts-admins"], MAP, "viewer")).toBe("admin");
  });

  it("matches group names exactly (case and all)", () => {
    expect(roleForGroups(["DTS-ADMINS", "dts-admins-old"], MAP, null)).toBeNull();
  });
});

describe("OIDC_ROLE_MAP", () => {
  it("reads pairs separated by commas or line breaks, the role after the last =", () => {
    expect(parseRoleMap(" a=admin ,\n/team/ops=Operator,cn=x=viewer ")).toEqual({
      ok: true,
      value: [
        { group: "a", role: "admin" },
        { group: "/team/ops", role: "operator" },
        { group: "cn=x", role: "viewer" },
      ],
    });
  });

  it("refuses an unknown role, a pair without =, a repeated group and an empty list", () => {
    expect(parseRoleMap("a=owner")).toMatchObject({ ok: false, message: expect.stringMatching(/role "owner"/) });
    expect(parseRoleMap("a")).toMatchObject({ ok: false });
    expect(parseRoleMap("=admin")).toMatchObject({ ok: false });
    expect(parseRoleMap("a=admin,a=viewer")).toMatchObject({ ok: false, message: expect.stringMatching(/twice/) });
    expect(parseRoleMap(" , ")).toMatchObject({ ok: false });
  });
});

describe("the groups of a claim", () => {
  it("reads an array, a nested claim by dotted path, a list in a string and a JSON array in a string", () => {
    expect(groupsFromClaims({ groups: ["a", "b", 3, "a"] }, "groups")).toEqual(["a", "b"]);
    expect(groupsFromClaims({ realm_access: { roles: ["dts-admins"] } }, "realm_access.roles")).toEqual(["dts-admins"]);
    expect(groupsFromClaims({ groups: "a b,c" }, "groups")).toEqual(["a", "b", "c"]);
    expect(groupsFromClaims({ roles: '["x","y"]' }, "roles")).toEqual(["x", "y"]);
  });

  it("is null when the claim is absent (ask userinfo), empty when it holds no names", () => {
    expect(groupsFromClaims({ sub: "1" }, "groups")).toBeNull();
    expect(groupsFromClaims({ realm_access: "x" }, "realm_access.roles")).toBeNull();
    expect(groupsFromClaims({ groups: 7 }, "groups")).toEqual([]);
  });
});

describe("the username of a person", () => {
  it("is preferred_username, else email, else sub, fitted to the console's pattern", () => {
    expect(usernameFromClaims({ sub: "1", preferred_username: "Alice.Smith", email: "a@x" })).toBe("alice.smith");
    expect(usernameFromClaims({ sub: "1", email: "Vera@Example.com" })).toBe("vera_example.com");
    expect(usernameFromClaims({ sub: "248289761001" })).toBe("248289761001");
    expect(usernameFromClaims({ sub: "1", preferred_username: "张三", email: "zhang@example.com" })).toBe("zhang_example.com");
    expect(usernameFromClaims({ sub: "x".repeat(100) })).toHaveLength(64);
  });

  it("falls back to a stable name from the sub when nothing usable is left", () => {
    const name = usernameFromClaims({ sub: "张三" });
    expect(name).toMatch(/^oidc-[0-9a-f]{8}$/);
    expect(usernameFromClaims({ sub: "张三" })).toBe(name);
  });
});

it("knows the loopback hosts an http issuer may use", () => {
  expect(["127.0.0.1", "localhost", "[::1]", "LOCALHOST"].every(isLoopbackHost)).toBe(true);
  expect(["10.0.0.1", "127.0.0.2", "example.com"].some(isLoopbackHost)).toBe(false);
});
