import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The layer rules (README, "Architecture"), enforced so the shape holds. They are allow-lists:
// a new folder or a new import between folders is refused until this file says it may be.
// - lib/domain is the browser-safe core: it imports nothing else of the project;
// - each folder of lib/ may import only the folders LIB_LAYERS lists for it (no cycles through
//   lib/db: storage knows no feature, each feature owns its store);
// - use cases and adapters in lib/ never import HTTP code (lib/api) or UI (app, components);
// - code that runs in the browser imports only lib/domain, lib/client and the browser-safe parts
//   of lib/auth;
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

/**
 * What each folder (or top-level module) of lib/ may import from the rest of lib/, besides itself.
 * `background` and `context` are the modules lib/background.ts and lib/context.ts.
 */
const LIB_LAYERS = {
  domain: [],
  config: ["domain"],
  log: ["config", "domain"],
  security: ["config", "domain"],
  i18n: ["domain"],
  client: ["domain"],
  db: ["config", "domain"],
  // The metrics' counters are moved where the calls are made (lib/metrics/registry.ts only).
  dts: ["config", "domain", "log", "metrics"],
  tasks: ["domain", "dts"],
  accounts: ["config", "domain", "dts", "metrics"],
  overview: ["accounts", "domain", "dts"],
  // The write-ahead functions take the guarded operation's claim and consume it in their transaction.
  // ... and write the notification of an outcome in the same transaction (lib/notify/outbox.ts).
  audit: ["db", "domain", "guarded", "i18n", "log", "notify"],
  auth: ["audit", "config", "db", "domain", "log", "notify", "security"],
  context: ["accounts", "approvals", "config", "db", "domain", "dts", "log"],
  // Notifications (issue 24): the outbox, channels and the delivery worker; approvals for the request's notice.
  notify: ["approvals", "audit", "config", "context", "db", "domain", "log"],
  background: ["log"],
  guarded: ["audit", "background", "config", "context", "db", "domain", "dts", "log", "reconfigure", "reset"],
  reset: ["approvals", "audit", "context", "db", "domain", "dts", "guarded", "log", "tasks"],
  reconfigure: ["audit", "context", "domain", "dts", "guarded", "log", "tasks"],
  approvals: ["audit", "auth", "context", "db", "domain", "dts", "guarded", "log", "notify", "reset", "tasks"],
  // The bulk reset: each item an ordinary guarded reset, planned with the task lookups and the approval policy.
  bulk: ["approvals", "audit", "context", "db", "domain", "dts", "guarded", "log", "notify", "reset", "tasks"],
  // The console's metrics: the registry, and the gauges read from the records at scrape time.
  metrics: ["audit", "bulk", "db", "domain", "guarded", "notify"],
  api: ["auth", "config", "context", "domain", "dts", "log", "security"],
};

function layerRule(layer) {
  const allowed = [layer, ...LIB_LAYERS[layer]].join("|");
  const message = `lib/${layer} may import only ${LIB_LAYERS[layer].map((l) => `lib/${l}`).join(", ") || "itself"} (eslint.config.mjs, LIB_LAYERS).`;
  return [pattern(`^@/lib/(?!(${allowed})(/|$))`, message), pattern(`^\\.\\./(?!(${allowed})(/|$))[a-z]`, message), pattern("^\\.\\./\\.\\./", message)];
}

/** Browser-safe files of lib/auth (no secret, no store): the only ones client code may import. */
const BROWSER_SAFE_AUTH = ["credential-rules", "next-path", "admin-schemas", "demo-users"];

const NO_SERVER_CODE = [
  pattern(`^@/lib/(?!(domain|client)(/|$)|auth/(${BROWSER_SAFE_AUTH.join("|")})$)`, "Browser code imports only lib/domain, lib/client and the browser-safe parts of lib/auth; share types and rules through lib/domain."),
  pattern("^server-only$", "This file runs in the browser."),
];

const FEATURES = ["jobs", "resets", "admin", "sign-in", "overview", "bulk-resets"];

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
  ...Object.keys(LIB_LAYERS)
    .filter((layer) => !["domain", "client"].includes(layer))
    .map((layer) =>
      restrict([`lib/${layer}/**/*.{ts,tsx}`, `lib/${layer}.ts`], [...(layer === "api" ? [] : NO_HTTP_OR_UI), ...layerRule(layer)], [`lib/${layer}/*/**`]),
    ),
  // Files one folder deeper (lib/db/migrations, lib/auth/store) import their parent folder's files with "../".
  ...Object.keys(LIB_LAYERS)
    .filter((layer) => !["domain", "client"].includes(layer))
    .map((layer) => restrict([`lib/${layer}/*/**/*.{ts,tsx}`], [...(layer === "api" ? [] : NO_HTTP_OR_UI), ...layerRule(layer).slice(0, 1)])),
  restrict(["lib/domain/**/*.{ts,tsx}"], DOMAIN_ONLY),
  restrict(["lib/client/**/*.{ts,tsx}"], [...NO_HTTP_OR_UI, ...NO_SERVER_CODE, ...layerRule("client")]),
  restrict(["components/**/*.{ts,tsx}"], [...NO_SERVER_CODE, pattern("^@/app/", "components/ is shared by every feature and imports none of them.")]),
  restrict(CLIENT_FILES_IN_APP, NO_SERVER_CODE),
  ...FEATURES.flatMap((feature) => [
    restrict([`app/${feature}/**/*.{ts,tsx}`], otherFeatures(feature)),
    restrict(CLIENT_FILES_IN_APP.filter((glob) => glob.startsWith("app/**")).map((glob) => glob.replace("app/**", `app/${feature}/**`)), [...NO_SERVER_CODE, ...otherFeatures(feature)]),
  ]),
]);
