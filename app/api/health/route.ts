// GET /api/health – liveness and the mode the console runs in
import { getAppMode } from "@/lib/config/mode";
import { json, route } from "@/lib/api/route";

export const runtime = "nodejs";

export const GET = route(async () => json({ status: "ok", mode: getAppMode() }));
