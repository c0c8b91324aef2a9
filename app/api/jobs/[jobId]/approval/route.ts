// GET /api/jobs/{jobId}/approval?region= – whether a reset of this task needs a second person's approval
import { z } from "zod";
import { jobIdParam } from "@/lib/domain/api";
import { REGION_IDS } from "@/lib/domain/regions";
import { accountIdSchema } from "@/lib/domain/task-ref";
import { parseQuery, route } from "@/lib/api/route";
import { approvalForJob } from "@/lib/approvals/service";

export const runtime = "nodejs";

const querySchema = z.object({ account: accountIdSchema.optional(), region: z.enum(REGION_IDS, { message: "Choose a DTS region" }) }).strict();

export const GET = route<{ jobId: string }>(async (request, { params, ctx }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const { account, region } = parseQuery(request, querySchema);
  return Response.json({ approval: await approvalForJob(ctx, region, jobId, account ?? ctx.accounts.defaultAccount) });
}, { permission: "view" });
