// Recognisable fake secrets the e2e server is started with (playwright.config.ts). The secret
// scan looks for them everywhere a browser or an API client can see.
export const E2E_SIMULATOR_SECRET = "e2e-SIMULATOR-secret-9f3c1a7b5d";
export const E2E_ALIBABA_SECRET = "e2e-ALIBABA-secret-4b8e2d6f0a";
// The bearer token GET /api/metrics is opened with (METRICS_TOKEN).
export const E2E_METRICS_TOKEN = "e2e-METRICS-token-6c2f8a0e4b1d";
