// The client's address as recorded on resets and used for sign-in throttling.

/**
 * The last X-Forwarded-For entry: the address the nearest hop saw. Next.js fills the header with
 * the socket's address when the client sent none, and a reverse proxy that appends (nginx's
 * $proxy_add_x_forwarded_for) puts the real client last, so the earlier, client-supplied entries
 * are never trusted. Run the console behind at most one such proxy (it listens on 127.0.0.1 by
 * default). Without a proxy a client can still send its own header; throttling per username does
 * not depend on the address.
 */
export function clientAddress(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim() || headers.get("x-real-ip")?.trim() || null;
  if (!last) return null;
  // IPv4 clients of a dual-stack socket appear as "::ffff:1.2.3.4".
  const address = last.startsWith("::ffff:") && last.includes(".") ? last.slice("::ffff:".length) : last;
  return address.slice(0, 128);
}

export function userAgent(headers: Pick<Headers, "get">): string | null {
  return headers.get("user-agent")?.slice(0, 512) ?? null;
}
