import type { Role } from '@tandem/contracts';
import { type UploadProgress, uploadFile } from '../../lib/upload.js';

export type ImportKind = 'campaign-costs' | 'contacts' | 'opportunities';

export interface ImportProblem {
  line: number;
  column: string | null;
  reason: string;
}

/** What `POST /api/v1/imports/{kind}` answers: the preview (dry run) or the import's outcome. */
export interface ImportOutcome {
  kind: string;
  clean: boolean;
  committed: boolean;
  imported: number;
  skipped: number;
  totalRows: number;
  goodRows: number;
  badRows: number;
  preview: Array<{ line: number; values: Record<string, unknown> }>;
  problems: ImportProblem[];
  problemsTruncated: boolean;
}

export interface ImportKindInfo {
  kind: ImportKind;
  label: string;
  columns: string;
  roles: readonly Role[];
}

/** The imports the server offers, with their columns (docs/attribution.md#csv-imports) and roles. */
export const importKinds: readonly ImportKindInfo[] = [
  {
    kind: 'campaign-costs',
    label: 'Campaign costs',
    columns: 'campaign* (name or id), month* (YYYY-MM), amount* (1250.00), currency',
    roles: ['admin', 'marketing'],
  },
  {
    kind: 'contacts',
    label: 'Contacts',
    columns: 'email*, first_name, last_name, title, company_domain, company',
    roles: ['admin', 'marketing', 'sales_manager'],
  },
  {
    kind: 'opportunities',
    label: 'Opportunities',
    columns:
      'name*, account* (domain or id), amount*, currency, stage, close_date, created_date, owner_email, reason, contact_emails',
    roles: ['admin', 'sales_manager'],
  },
];

export function importKindsFor(role: Role): ImportKindInfo[] {
  return importKinds.filter((k) => k.roles.includes(role));
}

/** Checks (dryRun) or imports a CSV file, reporting upload progress. */
export function runImport(
  kind: ImportKind,
  file: Blob,
  mode: 'preview' | 'import' | 'good-rows',
  onProgress?: (p: UploadProgress) => void,
): Promise<ImportOutcome> {
  const query = mode === 'preview' ? 'dryRun=true' : mode === 'good-rows' ? 'onlyGoodRows=true' : '';
  return uploadFile<ImportOutcome>(`/api/v1/imports/${kind}${query ? `?${query}` : ''}`, file, {
    contentType: 'text/csv',
    ...(onProgress ? { onProgress } : {}),
  });
}

/** A problem said in one line: "Line 3, reason: is required for a lost deal". */
export function describeProblem(p: ImportProblem): string {
  return `Line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.reason}`;
}

/** Percent of the upload sent, 0–100 (a body of unknown size counts as done once processing). */
export function progressPercent(p: UploadProgress | null): number {
  if (!p) return 0;
  if (p.processing) return 100;
  return p.total > 0 ? Math.min(100, Math.round((p.loaded / p.total) * 100)) : 0;
}
