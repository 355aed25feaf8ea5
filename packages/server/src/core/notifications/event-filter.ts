/**
 * Webhook event filters: an exact type (`lead.mql`), a prefix wildcard (`request.*`, matching
 * every type that starts with `request.`), or `*` for everything.
 */
export function matchesEventFilter(filters: readonly string[], type: string): boolean {
  return filters.some(
    (filter) =>
      filter === '*' || filter === type || (filter.endsWith('.*') && type.startsWith(filter.slice(0, -1))),
  );
}

/** The filters that match no known type (typos), to refuse them when an endpoint is saved. */
export function unknownEventFilters(filters: readonly string[], knownTypes: readonly string[]): string[] {
  return filters.filter((filter) => !knownTypes.some((type) => matchesEventFilter([filter], type)));
}
