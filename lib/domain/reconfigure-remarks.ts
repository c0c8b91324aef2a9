// What the console says about reconfiguring a reset task (what the snapshot mapping changed or
// left out, and why reconfiguring is refused), as a code with its values. The API carries the
// English text (its `notes` and `reason`, unchanged) and the remarks beside them, so the interface
// can word each in the reader's language. Safe for the browser.

/** The English of each remark: the API's words, and the catalog's English (messages/en.json, "Reconfigure"). */
export const REMARK_ENGLISH = {
  instanceTypeMissing: "The snapshot does not say the {side}'s instance type: choose it.",
  engineMissing: "The snapshot does not say the {side}'s engine: choose it.",
  crossAccountDestination: "The destination is in another account: fill in its owner UID and RAM role (DTS does not report them back).",
  reservedNotJson: "Reserved in the snapshot is not valid JSON: none of it is replayed.",
  reserveKeysDropped: "Left out of Reserve (DTS's runtime state, not settings): {keys}.",
  targetTableModeDefault:
    "The snapshot does not say how to treat tables that already exist in the destination: set to 0 (the precheck stops on them). Choose 2 to keep going.",
  conflictPolicyMissing: "Two-way task: the snapshot does not say the conflict policy; choose one (DTS's default applies when empty).",
  migrationModeMissing: "The snapshot does not say {mode}: choose it.",
  checkpointCleared: "Checkpoint left empty (the snapshot's {checkpoint} is where incremental first started).",
  serverlessNotReplayed: "MaxDu/MinDu (serverless) are not replayed: set them in the DTS console if needed.",
  serverlessReplayed: "Serverless instance: its DU range (MaxDu {max}, MinDu {min}) is replayed from the snapshot.",
  notReplayedFields: "Not in any snapshot, so never replayed (set them in the DTS console if the task had them): {fields}.",
  retryTimeNotWhole: "maxRetryTime \"{value}\" is not a whole number: left out (DTS's default, 720 minutes, applies).",
  retryTimeSeconds: "maxRetryTime: DTS reported {seconds} (seconds); sent as {minutes} minutes, the unit ConfigureDtsJob takes.",
  retryTimeOutOfRange: "maxRetryTime {value} is outside 10-1440 minutes in either unit: left out (DTS's default applies).",
  dbObjectMissing: "The snapshot has no DbObject: select the objects again.",
  dbObjectNotJson: "DbObject in the snapshot is not valid JSON: check DbList before sending.",
  dbListStateDropped: "DbList: the \"state\" DTS reports for each schema is left out (not an input).",
  instanceTypeUnsupported: "The {side} instance type \"{type}\" is not one ConfigureDtsJob documents: configure this task in the DTS console.",
  engineUnsupported: "The {side} engine \"{engine}\" has no known ConfigureDtsJob spelling: configure this task in the DTS console.",
  sslUnsupported: "The {side} uses SSL ({ssl}), which ConfigureDtsJob does not support: configure this task in the DTS console.",
  notSync: "Only data synchronization and change tracking tasks are reconfigured by this console.",
  subscriptionSourceUnsupported: "ConfigureSubscription does not take a \"{what}\" source: configure this task in the DTS console.",
  subscriptionEngineAs: "The source engine is sent as {sent} (DTS reports {engine}): ConfigureSubscription takes MySQL, PostgreSQL or Oracle.",
  subscriptionDataTypesMissing: "The snapshot does not say which data types were tracked: DDL and DML are both selected.",
  subscriptionNetworkType: "DTS reported the network type {type}; ConfigureSubscription takes only vpc (a new-version change tracking task).",
  subscriptionVpcMissing: "DTS does not report the change tracking instance's VPC and vSwitch: fill in SubscriptionInstanceVPCId and SubscriptionInstanceVSwitchId.",
  alertsNotReplayed: "Alert settings (DelayNotice, ErrorNotice and their phone numbers) are not in the snapshot and a reset clears them: set them here if the task had them.",
  alertsReplayed: "Alert settings are replayed as DescribeJobMonitorRule reported them before the reset: check the latency and error alerts below.",
  alertsNone: "DTS reported no latency or error alert for the task before the reset: none is set.",
  alertsNotCaptured: "The alert settings could not be read before the reset ({reason}) and a reset clears them: set them here if the task had them.",
  alertsOtherRules: "Alert rules the configure call has no parameter for are not replayed ({types}): set them in the DTS console.",
  consumerGroupsNotReplayed: "Consumer groups are not part of ConfigureSubscription: check them in the DTS console once the task is Normal.",
  resetNotSucceeded: "Only a succeeded reset leaves a task to reconfigure.",
  resetAgain: "The task was reset again after this reset: reconfigure it from the later reset record.",
  inFlight: "A reconfiguration of this task has not finished yet: wait for its outcome.",
  alreadyReconfigured: "The task was reconfigured from this record at {time}: there is nothing left to configure.",
  alreadyReconfiguredStatus: "The task was reconfigured from this record at {time} and is {status}: there is nothing left to configure.",
  taskUnreadable: "The task could not be read from DTS just now.",
  reverseGone: "DTS no longer reports the reverse task of this instance.",
  notNotConfigured: "The task is {status} in DTS, not Not Configured: there is nothing to reconfigure.",
  forwardFirst: "Configure the forward task first: the reverse task is offered once the forward task is Synchronizing (it is {status}).",
  cannotReconfigure: "This reset's task cannot be reconfigured.",
} as const;

export type RemarkCode = keyof typeof REMARK_ENGLISH;

/** A remark: its code and the values its wording needs (a side is "source" or "destination"). */
export interface Remark {
  code: RemarkCode;
  values?: Record<string, string>;
}

/** The remark in English, as the API and the logs say it. */
export function remarkEnglish(remark: Remark): string {
  const values = remark.values ?? {};
  return REMARK_ENGLISH[remark.code].replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
