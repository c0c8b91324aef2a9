// The accounts simulator mode creates so that the console can be tried at once, one per role.
// Not secrets: the sign-in page shows them in simulator mode. They are created only in simulator
// mode and marked simulator-only, so live mode refuses them even if the database is reused.
// Published data, not server code: the e2e suite and the benchmark sign in with them from outside
// the server, so this file stays apart from bootstrap.ts (which creates them) and unmarked.
import type { Role } from "@/lib/domain/roles";

export const DEMO_PASSWORD = "dts-demo-password";

export const DEMO_USERS: ReadonlyArray<{ username: string; role: Role }> = [
  { username: "demo", role: "operator" },
  { username: "demo-viewer", role: "viewer" },
  { username: "demo-admin", role: "admin" },
];
