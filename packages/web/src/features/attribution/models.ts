import type { AttributionModel } from './attribution-api.js';

export const modelLabels: Record<AttributionModel, string> = {
  first_touch: 'First touch',
  lead_creation: 'Lead creation',
  last_touch: 'Last touch',
  linear: 'Linear',
  u_shaped: 'U-shaped',
  w_shaped: 'W-shaped',
  full_path: 'Full path',
  time_decay: 'Time decay',
  data_driven: 'Data-driven (Markov)',
};

/** A label for a model name the server sent, even one this app does not know yet. */
export function modelLabel(model: string): string {
  return (modelLabels as Record<string, string>)[model] ?? model.replace(/_/g, ' ');
}
