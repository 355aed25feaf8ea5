import { type AttributionModel, attributionModels } from './attribution-api.js';

/** What the attribution page keeps in the address, so a view can be shared and reloaded. */
export interface AttributionSearch {
  model?: AttributionModel;
  by?: 'channel';
  /** YYYY-MM-DD, both inclusive. */
  from?: string;
  to?: string;
  halfLife?: number;
}

const isDay = (value: unknown): value is string =>
  typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(value));

export function parseAttributionSearch(search: Record<string, unknown>): AttributionSearch {
  const model = attributionModels.find((m) => m === search.model);
  const halfLife = Number(search.halfLife);
  return {
    ...(model ? { model } : {}),
    ...(search.by === 'channel' ? { by: 'channel' as const } : {}),
    ...(isDay(search.from) ? { from: search.from } : {}),
    ...(isDay(search.to) ? { to: search.to } : {}),
    ...(Number.isFinite(halfLife) && halfLife > 0 && halfLife <= 3650 ? { halfLife } : {}),
  };
}
