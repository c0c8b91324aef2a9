// A real OpenID Provider for the OIDC suites: panva's oidc-provider 8 (certified; the 9.x line
// needs Node 22) on a loopback port, with a static confidential client, people whose groups a test
// can change between sign-ins, the `groups` claim in the ID token (conformIdTokenClaims: false), the
// development login form (any password), and a grant made up front so that no consent page shows.
// `Browser` drives a round trip the way a browser does: the console's routes in-process (Request
// in, Response out), the provider over real HTTP, each with its own cookies, redirects followed by hand.
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration, type KoaContextWithOIDC } from "oidc-provider";

export const BASE = "http://127.0.0.1:3100";
import { CLIENT_ID, CLIENT_SECRET } from "./oidc-client";

export { CLIENT_ID, CLIENT_SECRET };

export interface Person {
  name?: string;
  email?: string;
  preferred_username?: string;
  groups?: string[];
}

export interface TestProvider {
  issuer: string;
  people: Map<string, Person>;
  close(): Promise<void>;
}

export async function startProvider(options: {
  people: Record<string, Person>;
  groupsInIdToken?: boolean;
  /** The console the client returns to (BASE for the in-process suites; the e2e fleet console for e2e/oidc.spec.ts). */
  consoleOrigin?: string;
  /** A fixed port (the e2e provider, which the console's configuration names); any free one by default. */
  port?: number;
}): Promise<TestProvider> {
  const consoleOrigin = options.consoleOrigin ?? BASE;
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const people = new Map(Object.entries(options.people));
  const configuration: Configuration = {
    clients: [
      {
        client_id: CLIENT_ID,
        client_secret: CLIENT_SECRET,
        redirect_uris: [`${consoleOrigin}/api/auth/oidc/callback`],
        post_logout_redirect_uris: [`${consoleOrigin}/sign-in`],
        grant_types: ["authorization_code"],
        response_types: ["code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    scopes: ["openid", "profile", "email", "groups"],
    claims: { openid: ["sub"], profile: ["name", "preferred_username"], email: ["email"], groups: ["groups"] },
    conformIdTokenClaims: options.groupsInIdToken === false,
    cookies: { keys: ["oidc-test-cookie-key"] },
    ttl: { Interaction: 600, Grant: 3600, Session: 3600, AccessToken: 600, IdToken: 600, AuthorizationCode: 60 },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true }, rpInitiatedLogout: { enabled: true } },
    async findAccount(_ctx, id) {
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: async () => ({ sub: id, ...people.get(id) }) };
    },
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const client = ctx.oidc.client!;
      const session = ctx.oidc.session!;
      const grantId = ctx.oidc.result?.consent?.grantId ?? session.grantIdFor(client.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: session.accountId! });
      grant.addOIDCScope("openid profile email groups");
      grant.addOIDCClaims(["groups", "name", "email", "preferred_username"]);
      await grant.save();
      return grant;
    },
  };
  const provider = new Provider(issuer, configuration);
  server.on("request", provider.callback());
  return {
    issuer,
    people,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Marks this process as one whose server stamps the peer address, as scripts/serve.ts does, so each Browser has its own address. */
export function stampPeerAddresses(): void {
  (globalThis as Record<symbol, unknown>)[Symbol.for("dts-reset-console.peer-address-stamping")] = true;
}

export type RouteHandler = (request: Request, context: { params: Promise<never> }) => Promise<Response>;

const noParams = { params: Promise.resolve({}) as Promise<never> };

/** A cookie jar: name → value, Max-Age=0 or a past Expires deletes. Paths are ignored (one site each). */
class Jar {
  readonly cookies = new Map<string, string>();
  take(response: Response): void {
    for (const line of response.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const at = pair!.indexOf("=");
      const name = pair!.slice(0, at).trim();
      const value = pair!.slice(at + 1).trim();
      const gone = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && new Date(a.split("=")[1]!).getTime() < Date.now()));
      if (gone || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
}

export class Browser {
  readonly console = new Jar();
  readonly provider = new Jar();
  constructor(readonly clientAddress = "198.51.100.40") {}

  /** A console route called as the browser would: its cookies, an HTML Accept header. */
  async call(handler: RouteHandler, url: string, init: { method?: string; body?: unknown; accept?: string; params?: Record<string, string> } = {}): Promise<Response> {
    // The peer address as scripts/serve.ts stamps it (believed once stampPeerAddresses() ran).
    const headers = new Headers({ accept: init.accept ?? "text/html,application/xhtml+xml", "x-dts-console-peer": this.clientAddress });
    const cookie = this.console.header();
    if (cookie) headers.set("cookie", cookie);
    if (init.body !== undefined) headers.set("content-type", "application/json");
    const response = await handler(
      new Request(url.startsWith("http") ? url : `${BASE}${url}`, { method: init.method ?? "GET", headers, body: init.body === undefined ? null : JSON.stringify(init.body) }),
      init.params ? { params: Promise.resolve(init.params) as Promise<never> } : noParams,
    );
    this.console.take(response);
    return response;
  }

  /** Follows the provider's redirects and fills in its login form, until it sends the browser back to the console. */
  async atProvider(url: string, login: string): Promise<string> {
    let next = url;
    let method = "GET";
    let body: string | null = null;
    for (let hop = 0; hop < 20; hop += 1) {
      if (next.startsWith(BASE)) return next;
      const headers: Record<string, string> = { cookie: this.provider.header() };
      if (body !== null) headers["content-type"] = "application/x-www-form-urlencoded";
      const response = await fetch(next, { method, headers, body, redirect: "manual" });
      this.provider.take(response);
      if (response.status >= 300 && response.status < 400) {
        next = new URL(response.headers.get("location")!, next).href;
        method = "GET";
        body = null;
        continue;
      }
      const html = await response.text();
      const form = /<form[^>]*\saction="([^"]+)"[^>]*>/i.exec(html);
      if (response.status !== 200 || !form) throw new Error(`the provider answered ${response.status}: ${html.slice(0, 300)}`);
      next = new URL(form[1]!.replace(/&amp;/g, "&"), next).href;
      method = "POST";
      const fields = new URLSearchParams();
      for (const input of html.matchAll(/<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g)) fields.set(input[1]!, input[2]!);
      if (/name="login"/.test(html)) {
        fields.set("login", login);
        fields.set("password", "any-password");
      }
      if (/op\.logoutForm/.test(html)) fields.set("logout", "yes");
      body = fields.toString();
    }
    throw new Error("too many redirects at the provider");
  }

  /**
   * A whole sign-in: the start route (302 to the provider), the provider, then the callback route.
   * `tamper` may change the authorization URL (a forged nonce) or the callback URL (a forged state).
   */
  async signIn(
    routes: { start: RouteHandler; callback: RouteHandler },
    login: string,
    options: { next?: string; tamperAuthorization?: (url: URL) => void; tamperCallback?: (url: URL) => void } = {},
  ): Promise<{ response: Response; callbackUrl: string }> {
    const start = await this.call(routes.start, `/api/auth/oidc/start${options.next ? `?next=${encodeURIComponent(options.next)}` : ""}`);
    if (start.status !== 302) throw new Error(`start answered ${start.status}: ${await start.text()}`);
    const authorization = new URL(start.headers.get("location")!);
    options.tamperAuthorization?.(authorization);
    const back = new URL(await this.atProvider(authorization.href, login));
    options.tamperCallback?.(back);
    const response = await this.call(routes.callback, back.href);
    return { response, callbackUrl: back.href };
  }
}
