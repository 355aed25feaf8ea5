import type { Readable } from 'node:stream';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { importKinds } from '../../app/imports/import-kinds.js';
import { type ImportOutcome, runImport } from '../../app/imports/run-import.js';
import { AppError } from '../../errors.js';
import { requestViewer } from '../plugins/auth.js';

/** Largest CSV body accepted over HTTP; the CLI reads files of any size from disk. */
export const maxImportBytes = 50 * 1024 * 1024;

/** Passes a request body through, failing once it exceeds the limit (it is never held whole). */
async function* limited(body: Readable, limit: number): AsyncGenerator<Buffer> {
  let seen = 0;
  for await (const chunk of body) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    seen += buffer.length;
    if (seen > limit) throw new AppError('payload_too_large', `a CSV import may be at most ${limit} bytes`);
    yield buffer;
  }
}

const Problem = Type.Object({
  line: Type.Integer(),
  column: Type.Union([Type.String(), Type.Null()]),
  reason: Type.String(),
});
const Outcome = Type.Object({
  kind: Type.String(),
  clean: Type.Boolean({ description: 'No row and no header problem' }),
  committed: Type.Boolean(),
  imported: Type.Integer(),
  skipped: Type.Integer({ description: 'Bad rows left out with onlyGoodRows' }),
  totalRows: Type.Integer(),
  goodRows: Type.Integer(),
  badRows: Type.Integer(),
  preview: Type.Array(
    Type.Object({ line: Type.Integer(), values: Type.Record(Type.String(), Type.Unknown()) }),
  ),
  problems: Type.Array(Problem),
  problemsTruncated: Type.Boolean(),
});

const outcomeView = (o: ImportOutcome) => ({
  kind: o.kind,
  clean: o.clean,
  committed: o.committed,
  imported: o.imported,
  skipped: o.skipped,
  ...o.report,
});

/**
 * CSV imports: the body is the file (`Content-Type: text/csv`). Every row is checked first;
 * `dryRun=true` answers the preview; a file with a bad row imports nothing (422 import_invalid,
 * every problem listed) unless `onlyGoodRows=true`.
 */
export async function importsRoutes(app: FastifyInstance): Promise<void> {
  app.addContentTypeParser(['text/csv', 'application/csv'], (_request, payload, done) => done(null, payload));
  const r = app.withTypeProvider<TypeBoxTypeProvider>();

  r.post(
    '/api/v1/imports/:kind',
    {
      bodyLimit: maxImportBytes,
      schema: {
        tags: ['imports'],
        summary: 'Import a CSV file (campaign-costs, opportunities, contacts)',
        description:
          'Send the file as the body with Content-Type text/csv. Formats: docs/attribution.md#csv-imports. Lines count from 1 (the header).',
        params: Type.Object({ kind: Type.String({ maxLength: 40 }) }),
        querystring: Type.Object({
          dryRun: Type.Optional(Type.Boolean({ default: false, description: 'Check and preview only' })),
          onlyGoodRows: Type.Optional(
            Type.Boolean({ default: false, description: 'Import the good rows of a file with bad ones' }),
          ),
        }),
        response: { 200: Outcome },
      },
    },
    async (request) => {
      const entry = importKinds[request.params.kind];
      if (!entry)
        throw new AppError('not_found', `no import of kind ${request.params.kind}`, { field: 'kind' });
      const viewer = requestViewer(request);
      if (!entry.roles.includes(viewer.role)) {
        throw new AppError('forbidden', `this import needs one of the roles: ${entry.roles.join(', ')}`);
      }
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw new AppError('unsupported_media_type', 'send the file as text/csv', { field: 'content-type' });
      }
      const outcome = await runImport(app.deps.db, entry.kind, {
        viewer,
        source: limited(body, maxImportBytes),
        dryRun: request.query.dryRun ?? false,
        onlyGoodRows: request.query.onlyGoodRows ?? false,
        now: app.deps.clock(),
      });
      if (!request.query.dryRun && !outcome.committed && !outcome.clean) {
        const problems = outcome.report.problems;
        throw new AppError('import_invalid', `${problems.length} problem(s) found; nothing was imported`, {
          field: problems[0] ? `/lines/${problems[0].line}/${problems[0].column ?? ''}` : undefined,
          errors: problems.slice(0, 1_000).map((p) => ({
            field: `/lines/${p.line}/${p.column ?? ''}`,
            detail: p.column ? `${p.column} ${p.reason}` : p.reason,
          })),
        });
      }
      return outcomeView(outcome);
    },
  );
}
