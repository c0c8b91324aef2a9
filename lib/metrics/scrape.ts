import "server-only";
// One scrape: the database gauges registered on first use, then every metric in Prometheus's
// text format (version 0.0.4).
import { metricsRegistry } from "./registry";
import { registerStoreGauges } from "./store-gauges";

export async function scrapeMetrics(): Promise<{ contentType: string; body: string }> {
  registerStoreGauges();
  const registry = metricsRegistry();
  return { contentType: registry.contentType, body: await registry.metrics() };
}
