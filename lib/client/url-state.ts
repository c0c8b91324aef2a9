// Reading a page's view state from its search params, for the server page and the client alike.
// Unknown or malformed values read as "not given", never as an error: a hand-edited or outdated
// link should still open a sensible view.

/** What Next.js hands a server page (`searchParams`) or `useSearchParams()` returns in the browser. */
export type RawParams = URLSearchParams | Record<string, string | string[] | undefined>;

/** The `searchParams` prop of a server page. */
export type PageSearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One parameter's value; the first when the URL repeats it. */
export function readParam(params: RawParams, key: string): string | undefined {
  if (params instanceof URLSearchParams) return params.get(key) ?? undefined;
  const value = params[key];
  return Array.isArray(value) ? value[0] : value;
}

/** A whole number from 1 to 999999, or null. */
export function positiveInt(raw: string | undefined): number | null {
  if (!raw || !/^\d{1,6}$/.test(raw)) return null;
  const n = Number(raw);
  return n >= 1 ? n : null;
}

/** The value when it is one of `allowed`, else null. */
export function oneOf<T extends string | number>(value: string | number | null | undefined, allowed: readonly T[]): T | null {
  return (allowed as readonly (string | number | null | undefined)[]).includes(value) ? (value as T) : null;
}
