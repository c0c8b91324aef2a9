// What the benchmarks request: one place for the URLs, the seeded task and the pages, so the
// bench run and the budget check measure exactly the same things.
import { SEED_FIXTURES } from "../../simulator/index";

export const REGION = "cn-hangzhou";
export const PAGE_SIZE = 20;
/** The task list's API call the overhead and load measurements make. */
export const LIST_PATH = `/api/jobs?region=${REGION}&type=sync&pageSize=${PAGE_SIZE}`;
/** The floor (issue 26): the bare route handler of the benchmark's build, asked for the same page. */
export const FLOOR_PATH = `/api/jobs/bench-floor?region=${REGION}&type=sync&pageSize=${PAGE_SIZE}`;

/**
 * Connection i of a load asks for page i + 1 of `path` (the console's list or the floor), so that
 * no two requests in flight are identical: each costs its own DescribeDtsJobs on both sides, where
 * identical ones would be one call through the console's read gate (coalescing) and many through
 * the floor. BENCH_SEED_TASKS gives every connection a full page.
 */
export const pageForConnection = (path: string) => (connection: number) => `${path}&page=${connection + 1}`;

/** Extra generated tasks in REGION on the benchmark's simulator: 50 connections × a full page each, and more. */
export const BENCH_SEED_TASKS = 1_200;

/** The list page as the browser opens it (a bare /jobs redirects here). */
export const JOBS_PAGE = `/jobs?region=${REGION}&type=sync`;

/** A seeded, resettable one-way task in REGION with a fixed ID: the detail page and the dialog use it. */
export const SEEDED_TASK = SEED_FIXTURES.oneWayRunning;

export interface PageTarget {
  /** The budget key (route pattern). */
  route: string;
  /** A concrete URL for it. */
  path: string;
  /** The budget check fails when a required page is missing; the others may not exist yet. */
  required?: boolean;
  /** Fetched without the session: a signed-in user is sent away from the sign-in page. */
  anonymous?: boolean;
}

/** The pages whose JavaScript is weighed (the sign-in page is fetched without the session). */
export const WEIGHED_PAGES: PageTarget[] = [
  { route: "/jobs", path: JOBS_PAGE, required: true },
  { route: "/jobs/[jobId]", path: `/jobs/${SEEDED_TASK.jobId}?region=${SEEDED_TASK.region}&type=sync`, required: true },
  { route: "/resets", path: "/resets" },
  { route: "/approvals", path: "/approvals" },
  { route: "/bulk-resets", path: "/bulk-resets" },
  { route: "/sign-in", path: "/sign-in", anonymous: true },
  { route: "/bench-baseline", path: "/bench-baseline" },
];
