// The one rule for free text the console accepts (request bodies, query strings, forms): no control
// characters, Unicode NFC, length counted after normalisation. Safe for the browser, so a form
// checks exactly what the server will.
import { z } from "zod";

/** C0 controls (NUL included), DEL and C1 controls. */
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
/** The same, except tab and line breaks (LF, or CR in a CRLF), for multi-line text such as a reset reason. */
const CONTROL_EXCEPT_LINE_BREAKS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]|\r(?!\n)/;

export interface TextOptions {
  max: number;
  min?: number;
  /**
   * Allow line breaks (LF or CRLF, kept as sent) and tabs; nothing else: no NUL, no lone carriage
   * return, no other control.
   */
  multiline?: boolean;
  /** Drop surrounding white space before counting (default true). */
  trim?: boolean;
  /**
   * NFC-normalise (default true). Passwords say false: argon2 hashed the exact string an account
   * was given, so rewriting it would lock out a password set in another normal form.
   */
  normalize?: boolean;
  tooShort?: string;
  tooLong?: string;
}

/** Whether a string holds a character `text()` refuses. */
export function hasControlCharacter(value: string, multiline = false): boolean {
  return (multiline ? CONTROL_EXCEPT_LINE_BREAKS : CONTROL).test(value);
}

/**
 * A text field: refuses control characters (C0, DEL, C1; tab and line feed allowed when
 * `multiline`), then normalises to NFC and trims, then checks the length of what
 * will be stored.
 */
export function text(options: TextOptions) {
  const { max, min, multiline = false, trim = true, normalize = true } = options;
  let schema = z
    .string()
    .refine((value) => !hasControlCharacter(value, multiline), multiline ? "must not contain control characters (other than line breaks and tabs)" : "must not contain control characters");
  if (normalize) schema = schema.normalize("NFC");
  if (trim) schema = schema.trim();
  if (min !== undefined) schema = schema.min(min, options.tooShort ?? `must be at least ${min} characters`);
  return schema.max(max, options.tooLong ?? `must be at most ${max} characters`);
}
