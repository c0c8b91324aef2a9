// GET /api/health – liveness, the mode the console runs in, and whether its database answers
import { getStore } from "@/lib/db/connection";
import { getConfig } from "@/lib/config/env";
import { getAppMode } from "@/lib/config/env";
import { healthMessage, pingDatabase } from "@/lib/db/health";
import { logger } from "@/lib/log";
import { NO_STORE, route } from "@/lib/api/route";

export const runtime = "nodejs";

// Public: load balancers and the e2e harness probe it without credentials. It reveals the mode
// and the database engine; a failure says what kind of problem, never a host or a credential (the
// log line has the detail). 503 takes the instance out of a load balancer's rotation.
export const GET = route(
  async () => {
    const db = getConfig().DATABASE_URL ? "postgres" : "sqlite";
    try {
      await pingDatabase(await getStore());
      return Response.json({ status: "ok", mode: getAppMode(), db });
    } catch (error) {
      logger.error("health_database_unavailable", { db, name: (error as Error).name, message: (error as Error).message });
      return Response.json({ status: "unavailable", mode: getAppMode(), db, message: healthMessage(error) }, { status: 503, headers: NO_STORE });
    }
  },
  { public: true },
);
