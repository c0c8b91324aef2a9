// GET /api/health – liveness and the mode the console runs in
import { getAppMode } from "@/lib/config/mode";
import { route } from "@/lib/api/route";

export const runtime = "nodejs";

// Public: load balancers and the e2e harness probe it without credentials. It reveals only the mode.
export const GET = route(async () => Response.json({ status: "ok", mode: getAppMode() }), { public: true });
