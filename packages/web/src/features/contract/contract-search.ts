export const versionTabs = ['agreement', 'changes', 'edit', 'backtest'] as const;
export type VersionTab = (typeof versionTabs)[number];

export interface VersionSearch {
  tab?: VersionTab;
  /** The version the diff compares with; absent means the active one. */
  against?: number;
}

export function parseVersionSearch(search: Record<string, unknown>): VersionSearch {
  const tab = versionTabs.find((t) => t === search.tab);
  const against = Number(search.against);
  return {
    ...(tab ? { tab } : {}),
    ...(Number.isInteger(against) && against > 0 ? { against } : {}),
  };
}

/** The `$version` path parameter as a version number (null for anything else). */
export function parseVersionParam(value: string): number | null {
  return /^[1-9][0-9]{0,9}$/.test(value) ? Number(value) : null;
}
