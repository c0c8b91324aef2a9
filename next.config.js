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

/** @type {import('next').NextConfig} */
const nextConfig = {
  // The Alibaba Cloud SDK and SQLite run only in Node route handlers; keeping them out of the
  // bundle keeps builds fast and guarantees no SDK code can be pulled into a client chunk.
  serverExternalPackages: ["@alicloud/openapi-core", "@alicloud/credentials", "@darabonba/typescript", "better-sqlite3", "@node-rs/argon2"],
  poweredByHeader: false,
  // A separate build folder lets an e2e build run beside a development server.
  distDir: process.env.NEXT_DIST_DIR || ".next",
  reactStrictMode: true,
};

module.exports = withNextIntl(nextConfig);
