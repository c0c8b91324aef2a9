// The OpenID Provider of e2e/oidc.spec.ts: the same real oidc-provider as the OIDC suites
// (tests/integration/oidc-harness.ts) on a fixed loopback port, for the fleet console
// (playwright.config.ts), which names it in OIDC_ISSUER. Its development login form takes any
// password; the people and their groups are fixed here and in the spec.
import { startProvider } from "../../tests/integration/oidc-harness";

export const E2E_OIDC_PEOPLE = {
  "sso-operator": { name: "Sso Operator", preferred_username: "sso-operator", email: "sso-operator@example.com", groups: ["dts-operators"] },
  "sso-outsider": { name: "Sso Outsider", preferred_username: "sso-outsider", email: "sso-outsider@example.com", groups: ["marketing"] },
};

async function main(): Promise<void> {
  const port = Number(process.env.E2E_OIDC_PORT);
  const consoleOrigin = process.env.E2E_OIDC_CONSOLE_ORIGIN;
  if (!port || !consoleOrigin) throw new Error("E2E_OIDC_PORT and E2E_OIDC_CONSOLE_ORIGIN are required");
  const provider = await startProvider({ people: E2E_OIDC_PEOPLE, consoleOrigin, port });
  console.log(`oidc provider: ${provider.issuer}`);
  const stop = () => void provider.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}

if (process.argv[1] && /oidc-provider\.ts$/.test(process.argv[1])) void main();
