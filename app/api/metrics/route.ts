// GET /api/metrics: the console's metrics for Prometheus (README "Metrics"). Not a session route:
// the caller is a scraper presenting METRICS_TOKEN (lib/metrics/access.ts), never a user's session
// or API token; without METRICS_TOKEN the route is off and answers 404 like an address no route serves.
import { route, NO_STORE } from "@/lib/api/route";
import { toErrorResponse } from "@/lib/api/errors";
import { getConfig } from "@/lib/config/env";
import { AccessRefusal } from "@/lib/domain/errors";
import { metricsAccess } from "@/lib/metrics/access";
import { scrapeMetrics } from "@/lib/metrics/scrape";

export const GET = route(
  async (request) => {
    const access = metricsAccess(request.headers.get("authorization"), getConfig().METRICS_TOKEN);
    if (access === "off") return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
    if (access !== "granted") {
      const refusal =
        access === "missing"
          ? new AccessRefusal("unauthenticated", "Send the metrics token as Authorization: Bearer <METRICS_TOKEN>.")
          : new AccessRefusal("invalid_token", "The metrics token is not valid.");
      const response = toErrorResponse(refusal, NO_STORE);
      // RFC 6750: a refused or missing credential says how to authenticate.
      response.headers.set("WWW-Authenticate", `Bearer realm="DTS Reset Console metrics"${access === "wrong" ? ', error="invalid_token"' : ""}`);
      return response;
    }
    const { contentType, body } = await scrapeMetrics();
    return new Response(body, { headers: { "Content-Type": contentType } });
  },
  { public: true },
);
