import { sql } from 'kysely';
import { domainColumn, emailColumn, textColumn } from '../../core/csv/columns.js';
import { newId } from '../../id.js';
import { insertAccountOrGetExisting } from '../../store/account.repo.js';
import type { ImportKind } from './run-import.js';

export interface ContactImportItem {
  email: string;
  firstName: string | null;
  lastName: string | null;
  title: string | null;
  companyDomain: string | null;
  company: string | null;
}

/**
 * Contacts, matched by email (ignoring case): a known contact gets the non-empty cells, a new one
 * is created. A company domain links the contact to that account, creating the account (named
 * after `company`, else the domain) when it does not exist.
 * @example
 * email,first_name,last_name,title,company_domain,company
 * bob@acme.com,Bob,Stone,CFO,acme.com,Acme Inc.
 */
export const contactsImport: ImportKind<ContactImportItem> = {
  name: 'contacts',
  schema: [
    emailColumn('email', { required: true, description: 'Matched ignoring case' }),
    textColumn('first_name', { maxLength: 200, description: '' }),
    textColumn('last_name', { maxLength: 200, description: '' }),
    textColumn('title', { maxLength: 200, description: 'Job title' }),
    domainColumn('company_domain', { description: 'The account, e.g. acme.com' }),
    textColumn('company', { maxLength: 200, description: 'Account name for a new account' }),
  ],
  async resolve(ctx, rows) {
    return rows.map((r) => {
      const email = String(r.values.email);
      const earlier = ctx.seen.get(email);
      if (earlier !== undefined) {
        return {
          ok: false,
          line: r.line,
          problems: [{ line: r.line, column: 'email', reason: `repeats line ${earlier}` }],
        };
      }
      ctx.seen.set(email, r.line);
      return {
        ok: true,
        line: r.line,
        item: {
          email,
          firstName: r.values.first_name as string | null,
          lastName: r.values.last_name as string | null,
          title: r.values.title as string | null,
          companyDomain: r.values.company_domain as string | null,
          company: r.values.company as string | null,
        },
      };
    });
  },
  async commit(trx, { viewer, items, now }) {
    const ws = viewer.workspaceId;
    const accountIds = new Map<string, string>();
    for (const item of items) {
      if (!item.companyDomain || accountIds.has(item.companyDomain)) continue;
      const account = await insertAccountOrGetExisting(trx, {
        workspaceId: ws,
        id: newId(now.getTime()),
        name: item.company ?? item.companyDomain,
        domain: item.companyDomain,
        externalId: null,
        at: now,
      });
      accountIds.set(item.companyDomain, account.id);
    }
    const chunk = 500;
    for (let i = 0; i < items.length; i += chunk) {
      const part = items.slice(i, i + chunk);
      const existing = await trx
        .selectFrom('contact')
        .select(['id', sql<string>`lower(email)`.as('email')])
        .where('workspace_id', '=', ws)
        .where(
          sql`lower(email)`,
          'in',
          part.map((p) => p.email),
        )
        .execute();
      const known = new Map(existing.map((e) => [e.email, e.id]));
      const fresh = part.filter((p) => !known.has(p.email));
      if (fresh.length > 0) {
        await trx
          .insertInto('contact')
          .values(
            fresh.map((p) => ({
              workspace_id: ws,
              id: newId(now.getTime()),
              email: p.email,
              first_name: p.firstName,
              last_name: p.lastName,
              title: p.title,
              account_id: p.companyDomain ? (accountIds.get(p.companyDomain) ?? null) : null,
              owner_id: viewer.role === 'sales_rep' ? viewer.userId : null,
              partner_id: viewer.role === 'partner' ? viewer.partnerId : null,
              created_at: now,
              updated_at: now,
            })),
          )
          .execute();
      }
      for (const p of part) {
        const id = known.get(p.email);
        if (!id) continue;
        await trx
          .updateTable('contact')
          .set({
            ...(p.firstName !== null ? { first_name: p.firstName } : {}),
            ...(p.lastName !== null ? { last_name: p.lastName } : {}),
            ...(p.title !== null ? { title: p.title } : {}),
            ...(p.companyDomain ? { account_id: accountIds.get(p.companyDomain) ?? null } : {}),
            updated_at: now,
          })
          .where('workspace_id', '=', ws)
          .where('id', '=', id)
          .execute();
      }
    }
    return items.length;
  },
};
