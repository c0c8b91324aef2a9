// Where a channel may post (lib/notify/url-safety.ts): https only, and no address inside the
// console's own network, whether written as a literal or reached through a host name.
import { describe, expect, it } from "vitest";
import { checkChannelUrl, classifyAddress, resolveChannelDestination, type Resolve } from "@/lib/notify/url-safety";

const strict = { allowLoopback: false };
const loopbackAllowed = { allowLoopback: true };

async function reason(url: string, policy: Parameters<typeof checkChannelUrl>[1] = strict): Promise<string> {
  const check = await checkChannelUrl(url, policy);
  if (check.ok) throw new Error(`${url} was accepted`);
  return check.reason;
}

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.0.9", "loopback"],
    ["::1", "loopback"],
    ["::ffff:127.0.0.1", "loopback"],
    ["0.0.0.0", "private"],
    ["0.1.2.3", "private"],
    ["10.0.0.1", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.1", "private"],
    ["100.64.0.1", "private"],
    ["100.127.255.254", "private"],
    ["169.254.169.254", "private"],
    ["224.0.0.1", "private"],
    ["255.255.255.255", "private"],
    ["::", "private"],
    ["fc00::1", "private"],
    ["fd12:3456::1", "private"],
    ["fe80::1", "private"],
    ["ff02::1", "private"],
    ["::ffff:10.0.0.1", "private"],
    ["::ffff:a9fe:a9fe", "private"],
    ["::ffff:192.168.0.1", "private"],
    ["64:ff9b::a9fe:a9fe", "private"],
    ["::10.0.0.1", "private"],
    ["8.8.8.8", "public"],
    ["100.63.255.255", "public"],
    ["100.128.0.1", "public"],
    ["172.32.0.1", "public"],
    ["2001:4860:4860::8888", "public"],
    ["::ffff:8.8.8.8", "public"],
    ["not an address", "private"],
  ])("%s is %s", (address, expected) => {
    expect(classifyAddress(address)).toBe(expected);
  });
});

describe("checkChannelUrl", () => {
  it("accepts https to a public address", async () => {
    expect(await checkChannelUrl("https://8.8.8.8/robot/send?access_token=x", strict)).toEqual({ ok: true });
    expect(await checkChannelUrl("https://[2001:4860:4860::8888]/hook", strict)).toEqual({ ok: true });
  });

  it("refuses http, other schemes and credentials in the URL", async () => {
    expect(await reason("http://8.8.8.8/hook")).toMatch(/https/);
    expect(await reason("ftp://8.8.8.8/hook")).toMatch(/https/);
    expect(await reason("https://user:pw@8.8.8.8/hook")).toMatch(/user name or password/);
    expect(await reason("not a url")).toMatch(/not a URL/);
  });

  it.each([
    "https://10.1.2.3/hook",
    "https://172.20.0.5/hook",
    "https://192.168.0.10/hook",
    "https://100.100.100.200/latest/meta-data",
    "https://169.254.169.254/latest/meta-data",
    "https://0.0.0.0/hook",
    "https://[fd00::1]/hook",
    "https://[fe80::1]/hook",
    "https://[::ffff:169.254.169.254]/hook",
    // The URL parser's other spellings of an IPv4 address end up as the dotted form checked here.
    "https://2852039166/latest/meta-data",
    "https://0xa9.0xfe.0xa9.0xfe/",
    "https://012.0.0.1/hook",
  ])("refuses the private or link-local literal %s, with or without allowLoopback", async (url) => {
    expect(await reason(url)).toMatch(/private|link-local|loopback/);
    expect(await reason(url, loopbackAllowed)).toMatch(/private|link-local/);
  });

  it("refuses loopback unless allowLoopback, which admits http only to this machine", async () => {
    expect(await reason("https://127.0.0.1:8443/hook")).toMatch(/loopback/);
    expect(await reason("https://[::1]/hook")).toMatch(/loopback/);
    expect(await reason("https://[::ffff:7f00:1]/hook")).toMatch(/loopback/);
    expect(await reason("https://2130706433/hook")).toMatch(/loopback address \(127\.0\.0\.1\)/);
    expect(await reason("https://0x7f.1/hook")).toMatch(/loopback address \(127\.0\.0\.1\)/);
    expect(await reason("http://127.0.0.1:8080/hook")).toMatch(/https/);
    expect(await checkChannelUrl("http://127.0.0.1:8080/hook", loopbackAllowed)).toEqual({ ok: true });
    expect(await checkChannelUrl("http://[::1]:8080/hook", loopbackAllowed)).toEqual({ ok: true });
    expect(await checkChannelUrl("http://localhost:8080/hook", loopbackAllowed)).toEqual({ ok: true });
    expect(await checkChannelUrl("https://127.0.0.1/hook", loopbackAllowed)).toEqual({ ok: true });
    // allowLoopback is about this machine only: http to anywhere else stays refused.
    expect(await reason("http://8.8.8.8/hook", loopbackAllowed)).toMatch(/https/);
  });

  it("resolves a host name with the system resolver and refuses the loopback address it gives", async () => {
    // `localhost` is not on any list here: it is refused for what it resolves to.
    expect(await reason("https://localhost/hook")).toMatch(/loopback address \((127\.0\.0\.1|::1)\)/);
    expect(await checkChannelUrl("https://localhost/hook", loopbackAllowed)).toEqual({ ok: true });
  });

  it("refuses a name when any of its addresses is private, and retries later a name that does not resolve", async () => {
    const answers: Record<string, string[]> = { "mixed.example": ["8.8.8.8", "10.0.0.7"], "public.example": ["8.8.4.4"] };
    const resolve: Resolve = async (host) => {
      const found = answers[host];
      if (!found) throw Object.assign(new Error("not found"), { code: "ENOTFOUND" });
      return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
    };
    expect(await reason("https://mixed.example/hook", { allowLoopback: true, resolve })).toMatch(/10\.0\.0\.7/);
    const ok = await resolveChannelDestination("https://public.example/hook", { allowLoopback: false, resolve });
    expect(ok).toMatchObject({ ok: true, address: { address: "8.8.4.4", family: 4 } });
    const missing = await resolveChannelDestination("https://missing.example/hook", { allowLoopback: false, resolve });
    expect(missing).toEqual({ ok: false, reason: "the host name did not resolve (ENOTFOUND)", transient: true });
  });
});
