import type { Role } from '@tandem/contracts';
import { campaignCostsImport } from './campaign-costs.import.js';
import { contactsImport } from './contacts.import.js';
import { opportunitiesImport } from './opportunities.import.js';
import type { ImportKind } from './run-import.js';

// biome-ignore lint/suspicious/noExplicitAny: kinds differ in their item type; callers only run them.
type AnyKind = ImportKind<any>;

/** Every CSV import, by the name the REST path and the CLI use, with the roles allowed to run it. */
export const importKinds: Record<string, { kind: AnyKind; roles: readonly Role[] }> = {
  'campaign-costs': { kind: campaignCostsImport, roles: ['admin', 'marketing'] },
  opportunities: { kind: opportunitiesImport, roles: ['admin', 'sales_manager'] },
  contacts: { kind: contactsImport, roles: ['admin', 'marketing', 'sales_manager'] },
};
