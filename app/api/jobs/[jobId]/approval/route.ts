// GET /api/jobs/{jobId}/approval?region= – whether a reset of this task needs a second person's approval
import { z } from "zod";
import { jobIdParam } from "@/lib/domain/api";
import { REGION_IDS } from "@/lib/domain/regions";
import { parseQuery, route } from "@/lib/api/route";
import { approvalDeps } from "@/lib/approvals/instance";
import { approvalForJob } from "@/lib/approvals/service";

export const runtime = "nodejs";

const querySchema = z.object({ region: z.enum(REGION_IDS, { message: "Choose a DTS region" }) }).strict();

export const GET = route<{ jobId: string }>(async (request, { params }) => {
  const jobId = jobIdParam.parse(params.jobId);
  const { region } = parseQuery(request, querySchema);
  return Response.json({ approval: await approvalForJob(await approvalDeps(), region, jobId) });
}, { role: "viewer" });
