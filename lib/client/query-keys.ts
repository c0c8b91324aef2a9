/**
 * Query keys of one kind of record, broad to narrow (https://tkdodo.eu/blog/effective-react-query-keys/):
 * `all` covers every list and detail of the kind, `lists()` every list, `details()` every detail,
 * so one invalidation reaches exactly as far as it should. The task list and the reset history
 * are both built with it.
 */
export function recordKeys<ListParams, DetailRef>(root: string) {
  const all = [root] as const;
  return {
    all,
    lists: () => [...all, "list"] as const,
    list: (params: ListParams) => [...all, "list", params] as const,
    details: () => [...all, "detail"] as const,
    detail: (ref: DetailRef) => [...all, "detail", ref] as const,
  };
}
