import { sql } from 'kysely';
import {
  currencyColumn,
  dateColumn,
  emailColumn,
  isUuid,
  moneyColumn,
  normaliseDomain,
  textColumn,
} from '../../core/csv/columns.js';
import type { CsvProblem } from '../../core/csv/validate-rows.js';
import {
  insertOpportunities,
  loadPipelineStages,
  type OpportunityValues,
  upsertContactRole,
} from '../../store/opportunity.repo.js';
import type { ImportKind, Resolved } from './run-import.js';

export interface OpportunityImportItem {
  values: OpportunityValues;
  createdAt: Date | null;
  contactIds: string[];
}

const midnight = (date: string) => new Date(`${date}T00:00:00.000Z`);

/**
 * Opportunities. Accounts and contacts must exist already (import contacts first: their company
 * domains create the accounts). A won or lost stage closes the deal at its close date.
 * @example
 * name,account,amount,currency,stage,close_date,created_date,owner_email,reason,contact_emails
 * Acme renewal,acme.com,12000.00,USD,proposal,2025-06-30,2025-04-02,ann@ours.com,,bob@acme.com;eve@acme.com
 */
export const opportunitiesImport: ImportKind<OpportunityImportItem> = {
  name: 'opportunities',
  schema: [
    textColumn('name', { required: true, maxLength: 200, description: 'Deal name' }),
    textColumn('account', { required: true, maxLength: 300, description: 'Account domain (acme.com) or id' }),
    moneyColumn('amount', { required: true, description: 'e.g. 12000.00' }),
    currencyColumn('currency', { description: 'Three-letter code; USD when empty' }),
    textColumn('stage', {
      maxLength: 40,
      description: 'A pipeline stage key; the first open stage when empty',
    }),
    dateColumn('close_date', { description: 'YYYY-MM-DD; a closed deal closes on it' }),
    dateColumn('created_date', {
      description: 'YYYY-MM-DD; when the opportunity was created (today when empty)',
    }),
    emailColumn('owner_email', { description: 'The owning user; you when empty' }),
    textColumn('reason', { maxLength: 200, description: 'Why it was won or lost (required when lost)' }),
    textColumn('contact_emails', {
      maxLength: 2000,
      description: 'Contacts on the deal, separated by ; (the first is primary)',
    }),
  ],
  async resolve(ctx, rows) {
    const ws = ctx.viewer.workspaceId;
    const stages = await loadPipelineStages(ctx.db, ws);
    const accountKeys = rows.map((r) => String(r.values.account));
    const ids = accountKeys.filter(isUuid);
    const domains = accountKeys
      .map((k) => (isUuid(k) ? null : normaliseDomain(k)))
      .filter((d): d is string => d !== null);
    const accounts =
      ids.length + domains.length === 0
        ? []
        : await ctx.db
            .selectFrom('account')
            .select(['id', 'domain'])
            .where('workspace_id', '=', ws)
            .where((eb) =>
              eb.or([
                ...(ids.length ? [eb('id', 'in', ids)] : []),
                ...(domains.length ? [eb('domain', 'in', domains)] : []),
              ]),
            )
            .execute();
    const emailsOf = (r: (typeof rows)[number]) =>
      String(r.values.contact_emails ?? '')
        .split(';')
        .map((e) => e.trim().toLowerCase())
        .filter((e) => e !== '');
    const ownerEmails = rows
      .map((r) => r.values.owner_email as string | null)
      .filter((e): e is string => e !== null);
    const contactEmails = rows.flatMap(emailsOf);
    const owners = ownerEmails.length
      ? await ctx.db
          .selectFrom('app_user')
          .select(['id', sql<string>`lower(email)`.as('email')])
          .where('workspace_id', '=', ws)
          .where(sql`lower(email)`, 'in', ownerEmails)
          .execute()
      : [];
    const contacts = contactEmails.length
      ? await ctx.db
          .selectFrom('contact')
          .select(['id', sql<string>`lower(email)`.as('email')])
          .where('workspace_id', '=', ws)
          .where(sql`lower(email)`, 'in', contactEmails)
          .execute()
      : [];
    const accountBy = new Map<string, string>();
    for (const a of accounts) {
      accountBy.set(a.id, a.id);
      if (a.domain) accountBy.set(a.domain, a.id);
    }
    const ownerBy = new Map(owners.map((o) => [o.email, o.id]));
    const contactBy = new Map(contacts.map((c) => [c.email, c.id]));

    return rows.map((r): Resolved<OpportunityImportItem> => {
      const problems: CsvProblem[] = [];
      const problem = (column: string, reason: string) => problems.push({ line: r.line, column, reason });
      const key = String(r.values.account);
      const accountId = accountBy.get(isUuid(key) ? key : (normaliseDomain(key) ?? ''));
      if (!accountId) problem('account', `no account has the domain or id ${key}`);
      const stageKey = (r.values.stage as string | null)?.toLowerCase() ?? null;
      const stage =
        stageKey === null
          ? stages.find((s) => s.outcome === 'open')!
          : stages.find((s) => s.key === stageKey);
      if (!stage)
        problem('stage', `is not a stage of this pipeline (${stages.map((s) => s.key).join(', ')})`);
      const ownerEmail = r.values.owner_email as string | null;
      const ownerId = ownerEmail === null ? ctx.viewer.userId : (ownerBy.get(ownerEmail) ?? null);
      if (ownerEmail !== null && ownerId === null)
        problem('owner_email', `no user has the email ${ownerEmail}`);
      const contactIds: string[] = [];
      for (const email of emailsOf(r)) {
        const id = contactBy.get(email);
        if (id) contactIds.push(id);
        else problem('contact_emails', `no contact has the email ${email}`);
      }
      const reason = r.values.reason as string | null;
      if (stage?.outcome === 'lost' && reason === null) problem('reason', 'is required for a lost deal');
      const closeDate = r.values.close_date as string | null;
      const created = r.values.created_date as string | null;
      if (created && closeDate && stage && stage.outcome !== 'open' && closeDate < created) {
        problem('close_date', 'is before created_date');
      }
      if (problems.length > 0 || !stage || !accountId) return { ok: false, line: r.line, problems };
      return {
        ok: true,
        line: r.line,
        item: {
          createdAt: created ? midnight(created) : null,
          contactIds: [...new Set(contactIds)],
          values: {
            name: String(r.values.name),
            account_id: accountId,
            amount_cents: Number(r.values.amount),
            currency: (r.values.currency as string | null) ?? 'USD',
            stage: stage.key,
            probability: stage.probability,
            close_date: closeDate,
            owner_id: ownerId,
            partner_id: ctx.viewer.role === 'partner' ? ctx.viewer.partnerId : null,
            source_lead_id: null,
            status: stage.outcome,
            closed_at: stage.outcome === 'open' ? null : closeDate ? midnight(closeDate) : null,
            won_reason: stage.outcome === 'won' ? reason : null,
            lost_reason: stage.outcome === 'lost' ? reason : null,
          },
        },
      };
    });
  },
  async commit(trx, { viewer, items, now }) {
    const ids = await insertOpportunities(
      trx,
      viewer.workspaceId,
      items.map((i) => ({
        values: { ...i.values, closed_at: i.values.status === 'open' ? null : (i.values.closed_at ?? now) },
        createdAt: i.createdAt ?? now,
        now,
      })),
    );
    for (const [n, item] of items.entries()) {
      for (const [k, contactId] of item.contactIds.entries()) {
        await upsertContactRole(trx, {
          workspaceId: viewer.workspaceId,
          opportunityId: ids[n]!,
          role: { contactId, role: 'contact', isPrimary: k === 0 },
          now,
        });
      }
    }
    return ids.length;
  },
};
