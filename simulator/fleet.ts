// A ready-made fleet of two Alibaba Cloud accounts for demos and the console's multi-account tests:
// `main`, the account of the simulator's own key, with today's seed, and `prod`, reached only
// through STS AssumeRole on its operator role (with an ExternalId), holding tasks of its own in
// all four seed regions (Failed ones and two-way ones included). `startSimulator(DEMO_FLEET.options)`
// or `npm run simulator -- --demo-fleet`.

import type { SimulatorOptions } from "./config";
import { seedFixturesFor } from "./seed-fixtures";
import { SEED_REGIONS } from "./seed";

const MAIN_UID = "1000000000000001";
const PROD_UID = "1234567890123456";
const OPERATOR_ROLE = "dts-console-operator";

export const DEMO_FLEET = Object.freeze({
  main: Object.freeze({
    /** The simulator account ID: the default key's account and the control API's default. */
    account: "main",
    uid: MAIN_UID,
    /** A role in main too (no ExternalId), for a console that assumes a role in every account. */
    roleArn: `acs:ram::${MAIN_UID}:role/${OPERATOR_ROLE}`,
    regions: SEED_REGIONS,
    fixtures: seedFixturesFor(),
  }),
  prod: Object.freeze({
    account: "prod",
    uid: PROD_UID,
    roleArn: `acs:ram::${PROD_UID}:role/${OPERATOR_ROLE}`,
    /** The prod role's trust policy requires it: AssumeRole without it is NoPermission. */
    externalId: "dts-console-demo",
    /** The role's maximum session duration (DurationSeconds up to this). */
    maxSessionDurationSeconds: 43_200,
    regions: SEED_REGIONS,
    /** prod's fixed-ID tasks, by the same roles as SEED_FIXTURES (failedWithError, twoWayReverseFailed, ...). */
    fixtures: seedFixturesFor("prod"),
  }),
  /** A well-formed ARN of a role that does not exist: AssumeRole answers EntityNotExist.Role. */
  missingRoleArn: `acs:ram::${PROD_UID}:role/dts-console-missing`,
  /** Options for startSimulator (merge with your own: port, keys, ...). */
  options: Object.freeze({
    defaultAccount: "main",
    accountSeeds: { prod: { account: "prod" } },
    roles: [
      { arn: `acs:ram::${MAIN_UID}:role/${OPERATOR_ROLE}`, account: "main" },
      { arn: `acs:ram::${PROD_UID}:role/${OPERATOR_ROLE}`, account: "prod", externalId: "dts-console-demo", maxSessionDurationSeconds: 43_200 },
    ],
  } satisfies SimulatorOptions),
});

/** A fresh copy of DEMO_FLEET.options (SimulatorOptions is mutable; the constant is not). */
export function demoFleetOptions(): SimulatorOptions {
  return structuredClone({ ...DEMO_FLEET.options }) as SimulatorOptions;
}
