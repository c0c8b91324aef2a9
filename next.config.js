// @ts-check
// eslint-disable-next-line @typescript-eslint/no-require-imports -- next.config.js is CommonJS, read by Next.js as it is
const createNextIntlPlugin = require("next-intl/plugin");

// Interface languages (issue 14): next-intl without locale routes. The request configuration picks
// the locale from a cookie or Accept-Language; the catalogs in messages/ are compiled at build time
// (precompile), so the browser carries a tiny formatter and no ICU parser.
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./lib/i18n/request.ts",
  experimental: {
    messages: { format: "json", path: "./messages", locales: ["en", "zh-CN"], precompile: true },
  },
});

/**
 * Next.js's own page extensions, plus `bench.ts` in the benchmark's build only (BENCH_FLOOR=1, set
 * by bench/lib/server.ts buildApp): the floor route app/api/jobs/bench-floor/route.bench.ts (issue
 * 26) is then compiled; in any other build it is not a route file at all.
 */
const PAGE_EXTENSIONS = ["tsx", "ts", "jsx", "js", ...(process.env.BENCH_FLOOR === "1" ? ["bench.ts"] : [])];

/** @type {import('next').NextConfig} */
const nextConfig = {
  pageExtensions: PAGE_EXTENSIONS,
  // The Alibaba Cloud SDK and SQLite run only in Node route handlers; keeping them out of the
  // bundle keeps builds fast and guarantees no SDK code can be pulled into a client chunk.
  serverExternalPackages: ["@alicloud/openapi-core", "@alicloud/credentials", "@darabonba/typescript", "better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  // A separate build folder lets an e2e build run beside a development server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
};

module.exports = withNextIntl(nextConfig);
