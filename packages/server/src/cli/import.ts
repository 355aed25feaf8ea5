import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import cliProgress from 'cli-progress';
import { importKinds } from '../app/imports/import-kinds.js';
import { type ImportOutcome, runImport } from '../app/imports/run-import.js';
import { AppError } from '../errors.js';
import type { CliContext } from './context.js';
import { resolveWorkspace } from './resolve-workspace.js';

export interface ImportOptions {
  dryRun?: boolean | undefined;
  onlyGoodRows?: boolean | undefined;
  workspace?: string | undefined;
}

export const importKindNames = Object.keys(importKinds);

/**
 * `tandem import <kind> <file> [--dry-run] [--only-good-rows]`: the same checks as the REST
 * import, reading the file as a stream (any size) with a progress bar on a terminal. Runs as a
 * workspace administrator.
 */
export async function importCommand(
  ctx: CliContext,
  kindName: string,
  file: string,
  options: ImportOptions,
): Promise<ImportOutcome & { file: string; dryRun: boolean }> {
  const entry = importKinds[kindName];
  if (!entry)
    throw new AppError('validation_failed', `kind must be one of ${importKindNames.join(', ')}`, {
      field: 'kind',
    });
  const fullPath = path.resolve(file);
  let size: number;
  try {
    size = statSync(fullPath).size;
  } catch {
    throw new AppError('not_found', `cannot read ${file}`, { field: 'file' });
  }
  const bar =
    ctx.output.json || !ctx.io.stderr.isTTY
      ? undefined
      : new cliProgress.SingleBar(
          {
            stream: ctx.io.stderr,
            format: `Checking ${kindName} [{bar}] {percentage}% {value}/{total} bytes`,
            hideCursor: true,
          },
          cliProgress.Presets.shades_classic,
        );
  // Only the parser pulls from the file: a 'data' listener would set it flowing while the database
  // opens, and its first chunks would be lost before the parser is attached.
  const stream = createReadStream(fullPath);
  async function* counted(): AsyncGenerator<Buffer> {
    let read = 0;
    for await (const chunk of stream) {
      const buffer = chunk as Buffer;
      read += buffer.length;
      bar?.update(read);
      yield buffer;
    }
  }
  bar?.start(size, 0);
  try {
    return await ctx.withDb('tandem import', async (db) => {
      const workspace = await resolveWorkspace(db, options.workspace);
      const outcome = await runImport(db, entry.kind, {
        viewer: { workspaceId: workspace.id, userId: null, role: 'admin', teamId: null, partnerId: null },
        source: counted(),
        dryRun: options.dryRun === true,
        onlyGoodRows: options.onlyGoodRows === true,
        now: ctx.clock(),
      });
      return { ...outcome, file, dryRun: options.dryRun === true };
    });
  } finally {
    stream.destroy();
    bar?.stop();
  }
}

/** The import failed when it was meant to write and wrote nothing because of problems. */
export const importFailed = (o: ImportOutcome & { dryRun: boolean }): boolean =>
  !o.dryRun && !o.committed && !o.clean;

export function formatImport(o: ImportOutcome & { file: string; dryRun: boolean }): string {
  const r = o.report;
  const lines = [`${o.file}: ${r.totalRows} rows, ${r.goodRows} good, ${r.badRows} bad.`];
  for (const p of r.problems.slice(0, 50))
    lines.push(`  line ${p.line}${p.column ? `, ${p.column}` : ''}: ${p.reason}`);
  if (r.problems.length > 50 || r.problemsTruncated) lines.push('  … (--json lists every problem)');
  if (o.dryRun)
    lines.push(
      o.clean ? 'The file is clean: run without --dry-run to import it.' : 'Dry run: nothing was imported.',
    );
  else if (o.committed)
    lines.push(`Imported ${o.imported} ${o.kind}${o.skipped ? `, skipped ${o.skipped} bad rows` : ''}.`);
  else if (o.clean) lines.push('Nothing to import.');
  else lines.push('Nothing was imported: fix the rows above, or run with --only-good-rows.');
  return lines.join('\n');
}
