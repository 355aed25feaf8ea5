import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  activeContract,
  type ContractVersion,
  contractHistory,
  contractVersion,
} from '../../app/lead-contract-queries.js';
import {
  type ContractSource,
  createContractDraft,
  editContractDraft,
  rollbackContract,
  signContract,
  submitContract,
  withdrawContract,
} from '../../app/lead-contracts.js';
import { agreementHtml, agreementMarkdown } from '../../core/contract/agreement.js';
import { diffContracts } from '../../core/contract/diff.js';
import { contractEditorRoles, contractStatuses, signOffSides } from '../../core/contract/sign-off.js';
import { AppError, notFound } from '../../errors.js';
import { actorOf, principalOf, requestViewer } from '../plugins/auth.js';

const DateTime = Type.String({ format: 'date-time' });
const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()]);
const VersionParams = Type.Object({ version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });
const Side = Type.Enum(signOffSides);

const Signature = Type.Object({
  userId: Type.String(),
  name: Type.String(),
  side: Side,
  decision: Type.Enum(['approve', 'reject']),
  comment: Nullable(Type.String()),
  at: DateTime,
});
export const Version = Type.Object({
  id: Type.String(),
  version: Type.Integer(),
  status: Type.Enum(contractStatuses),
  document: Type.Unknown({ description: 'The contract (docs/lead-contract.md)' }),
  sourceFormat: Type.Enum(['yaml', 'json']),
  source: Nullable(Type.String({ description: 'The YAML text as written, comments included' })),
  author: Nullable(Type.Object({ id: Type.String(), name: Type.String() })),
  createdAt: DateTime,
  updatedAt: DateTime,
  submittedAt: Nullable(DateTime),
  effectiveAt: Nullable(DateTime),
  activatedAt: Nullable(DateTime),
  rolledBackFrom: Nullable(Type.Integer()),
  note: Nullable(Type.String()),
  signatures: Type.Array(Signature),
});
const FieldChange = Type.Object({ path: Type.String(), from: Type.Unknown(), to: Type.Unknown() });
const Diff = Type.Object({
  from: Type.Integer(),
  to: Type.Integer(),
  identical: Type.Boolean(),
  lines: Type.Array(Type.String(), { description: 'One sentence per change' }),
  rules: Type.Array(
    Type.Object({
      section: Type.Enum(['fit', 'interest', 'exclusion']),
      kind: Type.Enum(['added', 'removed', 'changed']),
      id: Type.String(),
      label: Type.String(),
      changes: Type.Array(FieldChange),
      text: Type.String(),
    }),
  ),
  settings: Type.Array(FieldChange),
});

const sourceProperties = {
  document: Type.Optional(Type.Unknown({ description: 'The contract as JSON' })),
  yaml: Type.Optional(Type.String({ maxLength: 512 * 1024, description: 'The contract as YAML text' })),
};
const draftProperties = {
  effectiveAt: Type.Optional(Nullable(DateTime)),
  note: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
};

const iso = (d: Date | null) => (d ? d.toISOString() : null);
export function versionView(v: ContractVersion) {
  return {
    ...v,
    createdAt: v.createdAt.toISOString(),
    updatedAt: v.updatedAt.toISOString(),
    submittedAt: iso(v.submittedAt),
    effectiveAt: iso(v.effectiveAt),
    activatedAt: iso(v.activatedAt),
    signatures: v.signatures.map((s) => ({ ...s, at: s.at.toISOString() })),
  };
}

function sourceOf(body: { document?: unknown; yaml?: string | undefined }): ContractSource | undefined {
  if (body.document !== undefined && body.yaml !== undefined) {
    throw new AppError('validation_failed', 'send either document or yaml, not both', { field: '/yaml' });
  }
  if (body.yaml !== undefined) return { format: 'yaml', text: body.yaml };
  if (body.document !== undefined) return { format: 'json', document: body.document };
  return undefined;
}
const dateOf = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : new Date(value);

const editors = { roles: contractEditorRoles };
const tags = ['lead contract'];

/** The lead contract: versions, sign-off by both teams, diffs and the agreement page. */
export async function leadContractsRoutes(app: FastifyInstance): Promise<void> {
  const r = app.withTypeProvider<TypeBoxTypeProvider>();
  const base = '/api/v1/lead-contracts';
  const command = (request: FastifyRequest) => ({
    viewer: requestViewer(request),
    actor: actorOf(request),
    now: app.deps.clock(),
  });
  const workspaceOf = (request: FastifyRequest) => principalOf(request).workspaceId;

  r.get(
    base,
    {
      schema: {
        tags,
        summary: 'Every version, newest first',
        response: { 200: Type.Object({ items: Type.Array(Version) }) },
      },
    },
    async (request) => ({
      items: (await contractHistory(app.deps.db, workspaceOf(request), app.deps.clock())).map(versionView),
    }),
  );

  r.post(
    base,
    {
      config: editors,
      schema: {
        tags,
        summary: 'Create a draft from a JSON document or YAML text',
        description:
          'Validation errors name the field as a JSON pointer into the document, e.g. /fit/rules/3/op.',
        body: Type.Object({ ...sourceProperties, ...draftProperties }, { additionalProperties: false }),
        response: { 201: Version },
      },
    },
    async (request, reply) => {
      const source = sourceOf(request.body);
      if (!source)
        throw new AppError('validation_failed', 'send the contract as document or yaml', {
          field: '/document',
        });
      const created = await createContractDraft(app.deps.db, {
        ...command(request),
        source,
        effectiveAt: dateOf(request.body.effectiveAt) ?? null,
        note: request.body.note ?? null,
      });
      return reply.status(201).send(versionView(created));
    },
  );

  r.get(
    `${base}/active`,
    { schema: { tags, summary: 'The version in force now', response: { 200: Version } } },
    async (request) => {
      const active = await activeContract(app.deps.db, workspaceOf(request), app.deps.clock());
      if (!active) throw notFound('an active lead contract');
      return versionView(active);
    },
  );

  r.get(
    `${base}/:version`,
    { schema: { tags, summary: 'One version', params: VersionParams, response: { 200: Version } } },
    async (request) =>
      versionView(
        await contractVersion(app.deps.db, {
          workspaceId: workspaceOf(request),
          version: request.params.version,
          now: app.deps.clock(),
        }),
      ),
  );

  r.put(
    `${base}/:version`,
    {
      config: editors,
      schema: {
        tags,
        summary: 'Edit a draft',
        params: VersionParams,
        body: Type.Object({ ...sourceProperties, ...draftProperties }, { additionalProperties: false }),
        response: { 200: Version },
      },
    },
    async (request) =>
      versionView(
        await editContractDraft(app.deps.db, {
          ...command(request),
          version: request.params.version,
          source: sourceOf(request.body),
          effectiveAt: dateOf(request.body.effectiveAt),
          note: request.body.note,
        }),
      ),
  );

  const simple = [
    ['submit', 'Submit a draft for signature', submitContract],
    ['withdraw', 'Withdraw a draft or submitted version', withdrawContract],
  ] as const;
  for (const [action, summary, run] of simple) {
    r.post(
      `${base}/:version/${action}`,
      { config: editors, schema: { tags, summary, params: VersionParams, response: { 200: Version } } },
      async (request) =>
        versionView(await run(app.deps.db, { ...command(request), version: request.params.version })),
    );
  }

  r.post(
    `${base}/:version/approve`,
    {
      schema: {
        tags,
        summary: 'Sign one side of a submitted version',
        description:
          'The marketing side is signed by a marketing user, the sales side by a sales manager; two different people. ' +
          'When both have signed, the version takes effect at its effective time (at once if that has come).',
        params: VersionParams,
        body: Type.Object(
          { side: Side, comment: Type.Optional(Type.String({ maxLength: 2000 })) },
          { additionalProperties: false },
        ),
        response: { 200: Version },
      },
    },
    async (request) =>
      versionView(
        await signContract(app.deps.db, {
          ...command(request),
          version: request.params.version,
          side: request.body.side,
          decision: 'approve',
          comment: request.body.comment ?? null,
        }),
      ),
  );

  r.post(
    `${base}/:version/reject`,
    {
      schema: {
        tags,
        summary: 'Reject a submitted version for one side, saying why',
        params: VersionParams,
        body: Type.Object(
          { side: Side, comment: Type.String({ minLength: 1, maxLength: 2000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Version },
      },
    },
    async (request) =>
      versionView(
        await signContract(app.deps.db, {
          ...command(request),
          version: request.params.version,
          side: request.body.side,
          decision: 'reject',
          comment: request.body.comment,
        }),
      ),
  );

  r.post(
    `${base}/:version/rollback`,
    {
      config: editors,
      schema: {
        tags,
        summary: 'Draft a new version restoring a superseded one; it needs the same sign-off',
        description: 'Set its effective time or note with PUT, like any draft.',
        params: VersionParams,
        response: { 201: Version },
      },
    },
    async (request, reply) => {
      const created = await rollbackContract(app.deps.db, {
        ...command(request),
        version: request.params.version,
      });
      return reply.status(201).send(versionView(created));
    },
  );

  r.get(
    `${base}/:version/diff`,
    {
      schema: {
        tags,
        summary: 'What changes from another version (or the active one) to this one',
        params: VersionParams,
        querystring: Type.Object({
          against: Type.String({ pattern: '^(active|[1-9][0-9]{0,9})$', default: 'active' }),
        }),
        response: { 200: Diff },
      },
    },
    async (request) => {
      const workspaceId = workspaceOf(request);
      const now = app.deps.clock();
      const to = await contractVersion(app.deps.db, { workspaceId, version: request.params.version, now });
      const against = request.query.against;
      const from =
        against === 'active'
          ? await activeContract(app.deps.db, workspaceId, now)
          : await contractVersion(app.deps.db, { workspaceId, version: Number(against), now });
      if (!from)
        throw new AppError('not_found', 'no active lead contract to compare with', { field: 'against' });
      return { from: from.version, to: to.version, ...diffContracts(from.document, to.document) };
    },
  );

  r.get(
    `${base}/:version/agreement`,
    {
      schema: {
        tags,
        summary: 'The agreement in words: commitments, MQL definition, reasons, SLAs, signatures',
        description: 'Markdown by default; `format=html` gives a standalone page with every text escaped.',
        params: VersionParams,
        querystring: Type.Object({ format: Type.Optional(Type.Enum(['markdown', 'html'])) }),
        produces: ['text/markdown', 'text/html'],
      },
    },
    async (request, reply) => {
      const v = await contractVersion(app.deps.db, {
        workspaceId: workspaceOf(request),
        version: request.params.version,
        now: app.deps.clock(),
      });
      const input = {
        version: v.version,
        status: v.status,
        contract: v.document,
        author: v.author?.name ?? null,
        createdAt: v.createdAt,
        effectiveAt: v.effectiveAt,
        activatedAt: v.activatedAt,
        rolledBackFrom: v.rolledBackFrom,
        signatures: v.signatures,
      };
      if (request.query.format === 'html') {
        void reply.header('content-security-policy', "default-src 'none'; style-src 'unsafe-inline'");
        return reply.type('text/html; charset=utf-8').send(agreementHtml(input));
      }
      return reply.type('text/markdown; charset=utf-8').send(agreementMarkdown(input));
    },
  );
}
