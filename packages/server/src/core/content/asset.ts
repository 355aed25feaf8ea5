/** Funnel stages content is made for, in funnel order. */
export const assetStages = ['awareness', 'consideration', 'decision'] as const;
export type AssetStage = (typeof assetStages)[number];

/** draft → approved (by marketing) → retired. */
export const assetStatuses = ['draft', 'approved', 'retired'] as const;
export type AssetStatus = (typeof assetStatuses)[number];

/** What an asset is, from its current version: an external link or a file of some kind. */
export const assetFormats = [
  'link',
  'pdf',
  'image',
  'video',
  'document',
  'presentation',
  'spreadsheet',
  'text',
] as const;
export type AssetFormat = (typeof assetFormats)[number];
