// The console's client at the test OpenID Provider: its registration (oidc-harness.ts) and the
// console's OIDC_CLIENT_ID / OIDC_CLIENT_SECRET (the OIDC suites, playwright.config.ts) in one place.
// Kept apart from the harness so that the Playwright configuration does not load oidc-provider.
export const CLIENT_ID = "dts-console";
export const CLIENT_SECRET = "dts-console-test-client-secret-0123456789";
