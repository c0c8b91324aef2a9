// The body of POST /api/resets/{id}/reconfigure, validated by the route (zod). Safe for the browser,
// but only the server imports it: the form checks the same rules with parameterIssues().
import { z } from "zod";
import { MAX_ALERT_PHONES, phoneListProblem } from "./alerts";
import { idempotencyKeySchema } from "./idempotency";
import { fieldOf, FIXED_PARAMETERS, MAX_DB_LIST_BYTES } from "./reconfigure";
import { subscriptionFieldOf } from "./reconfigure-subscription";

export const PASSWORD_MAX = 128;

/** A database password: any characters but controls, kept exactly as typed (no trim, no NFC). */
const password = (which: string) =>
  z
    .string({ message: `${which} password is required` })
    .min(1, `${which} password is required`)
    .max(PASSWORD_MAX, `${which} password is longer than ${PASSWORD_MAX} characters`)
    // The message never repeats the value.
    .refine((value) => !/[\u0000-\u001F\u007F]/.test(value), `${which} password contains a control character`);

const overrideValue = z.string().max(MAX_DB_LIST_BYTES, "a value is larger than 1 MB").refine((v) => !/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/.test(v), "a value contains a control character");

export const overridesSchema = z
  .record(z.string(), overrideValue)
  .superRefine((overrides, ctx) => {
    for (const name of Object.keys(overrides)) {
      if ((FIXED_PARAMETERS as readonly string[]).includes(name)) ctx.addIssue({ code: "custom", path: [name], message: `${name} is set by the console and cannot be overridden` });
      // A parameter of either API; the use case checks it against the task's (ConfigureDtsJob or ConfigureSubscription).
      else if (!fieldOf(name) && !subscriptionFieldOf(name)) ctx.addIssue({ code: "custom", path: [name], message: `${name} is not a ConfigureDtsJob parameter this console sends` });
    }
    // The alert phones, checked here too so that a bad list is refused before anything is read from DTS (the form: alertIssues).
    for (const name of ["DelayPhone", "ErrorPhone"] as const) {
      const problem = phoneListProblem(overrides[name] ?? "");
      if (problem === "phoneFormat") ctx.addIssue({ code: "custom", path: [name], message: `${name} must be mainland China mobile numbers separated by commas` });
      if (problem === "phoneCount") ctx.addIssue({ code: "custom", path: [name], message: `${name} has more than ${MAX_ALERT_PHONES} phone numbers` });
    }
  });

export const reconfigureRequestSchema = z
  .object({
    sourcePassword: password("The source database"),
    // Required for a synchronization task (the use case says so); a change tracking task has no destination.
    destinationPassword: password("The destination database").optional(),
    overrides: overridesSchema.optional(),
    idempotencyKey: idempotencyKeySchema,
  })
  .strict();

export type ReconfigureRequest = z.infer<typeof reconfigureRequestSchema>;

