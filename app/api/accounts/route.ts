// GET /api/accounts – the Alibaba Cloud accounts this console works in, first the default one
import { route } from "@/lib/api/route";

export const runtime = "nodejs";

export const GET = route(async (_request, { ctx }) => Response.json({ items: ctx.accounts.accounts, defaultAccount: ctx.accounts.defaultAccount }), {
  permission: "view",
});
