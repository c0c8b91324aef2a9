// Every error the simulator can answer, with Alibaba's codes, HTTP statuses and texts
// (dts-api.md section 6, signing.md section 3). A message may hold one `%s`, which DTS-style bodies
// carry as a template plus `DynamicMessage` and gateway bodies carry already substituted.

export interface DtsError {
  httpStatus: number;
  code: string;
  /** The message, possibly a template with one `%s`. */
  message: string;
  /** The value for `%s` (DTS's `DynamicMessage`). */
  dynamicMessage?: string;
}

export function substituted(error: DtsError): string {
  return error.dynamicMessage === undefined ? error.message : error.message.replace("%s", error.dynamicMessage);
}

// Gateway-level errors: always answered with the POP gateway body.

export const invalidVersion = (): DtsError => ({ httpStatus: 400, code: "InvalidVersion", message: "Specified parameter Version is not valid." });

export const invalidAction = (): DtsError => ({
  httpStatus: 404,
  code: "InvalidAction.NotFound",
  message: "Specified api is not found, please check your url and method.",
});

export const throttlingUser = (): DtsError => ({ httpStatus: 400, code: "Throttling.User", message: "Request was denied due to user flow control." });

export const serviceUnavailable = (): DtsError => ({
  httpStatus: 503,
  code: "ServiceUnavailable",
  message: "The request has failed due to a temporary failure of the server.",
});

export const internalError = (): DtsError => ({
  httpStatus: 500,
  code: "InternalError",
  message: "The request processing has failed due to some unknown error.",
});

// DTS business errors: answered in the configured business-error style.

export const missingParameter = (name: string): DtsError => ({
  httpStatus: 400,
  code: "MissingParameter",
  message: 'The input parameter "%s" that is mandatory for processing this request is not supplied.',
  dynamicMessage: name,
});

export const invalidParameter = (name: string): DtsError => ({
  httpStatus: 400,
  code: "InvalidParameter",
  message: "The Value of Input Parameter %s is not valid.",
  dynamicMessage: name,
});

export const instanceNotFound = (): DtsError => ({
  httpStatus: 404,
  code: "Forbidden.InstanceNotFound",
  message: "The specified Instance is not found.",
});

/**
 * A job in a state the action does not accept (ConfigureDtsJob on a configured task, StartDtsJob
 * out of turn). No source gives the exact code; this follows DTS's naming. ResetDtsJob's refusal
 * is configurable instead (the `resetRefusal` option).
 */
export const jobStatusDenied = (status: string): DtsError => ({
  httpStatus: 403,
  code: "OperationDenied.JobStatus",
  message: "The operation is not permitted due to Dts job status is %s.",
  dynamicMessage: status,
});

/** ResetDtsJob is documented for synchronization and change tracking only; migrations are refused. */
export const jobTypeDenied = (jobType: string): DtsError => ({
  httpStatus: 403,
  code: "OperationDenied.JobType",
  message: "The operation is not permitted due to Dts job type is %s.",
  dynamicMessage: jobType,
});
