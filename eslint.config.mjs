import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layer rules (README, "Architecture"), enforced so the shape holds:
// - lib/domain is the browser-safe core: it imports nothing else of the project;
// - use cases and adapters in lib/ never import HTTP code (lib/api) or UI (app, components);
// - code that runs in the browser never imports server code;
// - feature folders under app/ do not import each other (shared widgets live in
//   components/console, links in lib/client/hrefs.ts).
// ESLint applies only the last matching setting of a rule to a file, so each block below carries
// every restriction that applies to its files.

const pattern = (regex, message) => ({ regex, message });

const NO_HTTP_OR_UI = [
  pattern("^@/lib/api(/|$)", "Use cases throw domain errors (lib/domain/errors.ts); only lib/api and app/api speak HTTP."),
  pattern("^@/(app|components)/", "lib/ does not import UI code."),
];

const DOMAIN_ONLY = [
  pattern("^@/(lib/(?!domain/)|app/|components/)", "lib/domain is the browser-safe core: it imports nothing else of the project."),
  pattern("^\\.\\./", "lib/domain imports nothing outside lib/domain."),
  pattern("^server-only$", "lib/domain is loaded by the browser."),
];

/** Browser-safe files of lib/auth (no secret, no store): the only ones client code may import. */
const BROWSER_SAFE_AUTH = ["credential-rules", "next-path", "admin-schemas", "demo-accounts"];

const NO_SERVER_CODE = [
  pattern("^@/lib/(api|audit|dts|reset|jobs|config|log|security|i18n)(/|$)", "Browser code must not import server code; share types and rules through lib/domain."),
  pattern(`^@/lib/auth/(?!(${BROWSER_SAFE_AUTH.join("|")})$)`, "Browser code may import only the browser-safe parts of lib/auth."),
  pattern("^server-only$", "This file runs in the browser."),
];

const FEATURES = ["jobs", "resets", "admin", "sign-in"];

/** A feature folder may not reach into another one, by alias or by a relative path. */
function otherFeatures(feature) {
  const others = FEATURES.filter((f) => f !== feature).join("|");
  return [
    pattern(`^@/app/(${others})(/|$)`, `app/${feature} must not import another feature folder: move what both need to components/console or lib/client.`),
    pattern(`(^|/)\\.\\./(\\.\\./)*(${others})(/|$)`, `app/${feature} must not import another feature folder: move what both need to components/console or lib/client.`),
  ];
}

/** Files that run in the browser inside app/ (client components and their hooks). */
const CLIENT_FILES_IN_APP = ["app/**/_components/**", "app/**/*-client.tsx", "app/**/*-form.tsx", "app/**/*-queries.ts", "app/providers.tsx", "app/user-menu.tsx", "app/main-nav.tsx", "app/error.tsx"];

const restrict = (files, patterns, ignores = []) => ({
  files,
  ignores,
  rules: { "no-restricted-imports": ["error", { patterns }] },
});

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".next-*/**", "out/**", "build/**", "next-env.d.ts", "test-results/**", "playwright-report/**", "data/**", "bench/results/**"]),
  restrict(["lib/**/*.{ts,tsx}"], NO_HTTP_OR_UI, ["lib/api/**"]),
  restrict(["lib/domain/**/*.{ts,tsx}"], DOMAIN_ONLY),
  restrict(["lib/client/**/*.{ts,tsx}"], [...NO_HTTP_OR_UI, ...NO_SERVER_CODE]),
  restrict(["components/**/*.{ts,tsx}"], [...NO_SERVER_CODE, pattern("^@/app/", "components/ is shared by every feature and imports none of them.")]),
  restrict(CLIENT_FILES_IN_APP, NO_SERVER_CODE),
  ...FEATURES.flatMap((feature) => [
    restrict([`app/${feature}/**/*.{ts,tsx}`], otherFeatures(feature)),
    restrict(CLIENT_FILES_IN_APP.filter((glob) => glob.startsWith("app/**")).map((glob) => glob.replace("app/**", `app/${feature}/**`)), [...NO_SERVER_CODE, ...otherFeatures(feature)]),
  ]),
]);
