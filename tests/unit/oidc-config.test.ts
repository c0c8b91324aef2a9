// The OIDC variables of lib/config/env.ts: what is accepted, what stops the start (naming the
// variable, never echoing the secret), and the defaults.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig } from "@/lib/config/env";

const OIDC = {
  OIDC_ISSUER: "https://idp.example.com/realms/corp",
  OIDC_CLIENT_ID: "dts-console",
  OIDC_CLIENT_SECRET: "s3cr3t-value-never-shown",
  OIDC_ROLE_MAP: "dts-admins=admin,dts-operators=operator",
  CONSOLE_PUBLIC_ORIGIN: "https://dts-console.example.com",
};

function problems(env: Record<string, string>): string {
  try {
    parseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error("expected the configuration to be refused");
}

describe("OIDC configuration", () => {
  it("is off by default, with the documented defaults", () => {
    const config = parseConfig({});
    expect(config.OIDC_ISSUER).toBeUndefined();
    expect(config.OIDC_CLIENT_AUTH).toBe("client_secret_basic");
    expect(config.OIDC_SCOPES).toBe("openid profile email");
    expect(config.OIDC_ROLES_CLAIM).toBe("groups");
    expect(config.OIDC_DISPLAY_NAME).toBe("SSO");
    expect(config.LOCAL_SIGN_IN).toBe("enabled");
  });

  it("reads a complete configuration", () => {
    const config = parseConfig({ ...OIDC, OIDC_CLIENT_AUTH: "client_secret_post", OIDC_DEFAULT_ROLE: "viewer", OIDC_SCOPES: "openid  profile groups", LOCAL_SIGN_IN: "admins", OIDC_ROLES_CLAIM: "realm_access.roles" });
    expect(config.OIDC_ROLE_MAP).toEqual([
      { group: "dts-admins", role: "admin" },
      { group: "dts-operators", role: "operator" },
    ]);
    expect(config.OIDC_CLIENT_AUTH).toBe("client_secret_post");
    expect(config.OIDC_DEFAULT_ROLE).toBe("viewer");
    expect(config.OIDC_SCOPES).toBe("openid profile groups");
    expect(config.OIDC_ROLES_CLAIM).toBe("realm_access.roles");
    expect(config.LOCAL_SIGN_IN).toBe("admins");
  });

  it("requires https for the issuer, except on a loopback address", () => {
    expect(problems({ ...OIDC, OIDC_ISSUER: "http://idp.example.com" })).toMatch(/^ {2}OIDC_ISSUER="http:\/\/idp.example.com" must be an https:\/\/ issuer URL/m);
    for (const issuer of ["http://127.0.0.1:4000", "http://localhost:4000/oidc", "http://[::1]:4000"]) {
      expect(parseConfig({ ...OIDC, OIDC_ISSUER: issuer }).OIDC_ISSUER, issuer).toBe(issuer);
    }
    expect(problems({ ...OIDC, OIDC_ISSUER: "ftp://idp.example.com" })).toMatch(/OIDC_ISSUER/);
    expect(problems({ ...OIDC, OIDC_ISSUER: "https://idp.example.com/?x=1" })).toMatch(/OIDC_ISSUER/);
  });

  it("needs the client, the public origin and a way to a role with an issuer", () => {
    const message = problems({ OIDC_ISSUER: OIDC.OIDC_ISSUER });
    expect(message).toMatch(/OIDC_CLIENT_ID .*required/);
    expect(message).toMatch(/OIDC_CLIENT_SECRET \(value not shown\) .*required/);
    expect(message).toMatch(/CONSOLE_PUBLIC_ORIGIN .*redirect URI is <CONSOLE_PUBLIC_ORIGIN>\/api\/auth\/oidc\/callback/);
    expect(message).toMatch(/OIDC_ROLE_MAP .*OIDC_DEFAULT_ROLE/);
    const withoutMap: Record<string, string> = { ...OIDC };
    delete withoutMap.OIDC_ROLE_MAP;
    expect(parseConfig({ ...withoutMap, OIDC_DEFAULT_ROLE: "viewer" }).OIDC_ROLE_MAP).toBeUndefined();
  });

  it("refuses OIDC settings without an issuer, and a local sign-in policy that would lock everyone out", () => {
    expect(problems({ OIDC_CLIENT_ID: "x" })).toMatch(/OIDC_CLIENT_ID="x" is set but OIDC_ISSUER is not/);
    expect(problems({ LOCAL_SIGN_IN: "disabled" })).toMatch(/LOCAL_SIGN_IN="disabled" must be enabled unless OIDC_ISSUER is set/);
    expect(problems({ ...OIDC, LOCAL_SIGN_IN: "sometimes" })).toMatch(/LOCAL_SIGN_IN="sometimes" must be one of enabled, admins, disabled/);
  });

  it("names the bad pair of OIDC_ROLE_MAP", () => {
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: "dts-admins=root" })).toMatch(/OIDC_ROLE_MAP=.* gives "dts-admins" the role "root": the role must be one of viewer, operator, admin/);
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: "dts-admins" })).toMatch(/OIDC_ROLE_MAP=.* must be group=role pairs/);
    expect(problems({ ...OIDC, OIDC_ROLE_MAP: "a=admin,a=viewer" })).toMatch(/lists the group "a" twice/);
  });

  it("never shows the client secret's value", () => {
    const message = problems({ ...OIDC, OIDC_CLIENT_SECRET: "line\nbreak-secret" });
    expect(message).toMatch(/OIDC_CLIENT_SECRET \(value not shown\)/);
    expect(message).not.toContain("break-secret");
  });

  it("checks the scopes and the claim path", () => {
    expect(problems({ ...OIDC, OIDC_SCOPES: "profile email" })).toMatch(/OIDC_SCOPES=.* must be space-separated scopes including openid/);
    expect(problems({ ...OIDC, OIDC_ROLES_CLAIM: "a..b" })).toMatch(/OIDC_ROLES_CLAIM/);
    expect(problems({ ...OIDC, OIDC_CLIENT_AUTH: "private_key_jwt" })).toMatch(/OIDC_CLIENT_AUTH/);
  });
});
