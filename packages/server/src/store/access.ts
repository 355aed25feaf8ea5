import { type Expression, type ExpressionBuilder, type SqlBool, sql } from 'kysely';
import type { Viewer } from '../app/viewer.js';
import type { Executor } from './executor.js';
import type { Database } from './schema.js';

/**
 * Record-level access, enforced where records are read. Every list or lookup of leads, contacts,
 * accounts and opportunities starts from one of the `visible*` builders below, so a route cannot
 * forget a rule. Reading a record outside the viewer's reach looks exactly like reading one that
 * does not exist (404, never 403), so ids reveal nothing.
 *
 * - admin, marketing: everything in their workspace;
 * - sales_manager: records owned by a member of their team (or themselves); leads assigned to
 *   their team; contacts/accounts linked to such a lead or opportunity;
 * - sales_rep: records they own; contacts/accounts linked to a lead or opportunity they own;
 * - partner: only records registered to their partner (partner_id);
 * - always restricted to the viewer's workspace.
 *
 * The predicates are exported too, for queries that reach these tables through a join or an
 * `exists`; they reference columns by their table name, so alias-free joins are required.
 */

type Eb = ExpressionBuilder<Database, keyof Database>;
// Kysely cannot type a column picked at run time across tables; the names below are fixed strings.
const col = (name: string) => sql.ref<string | null>(name);
const never = (): Expression<SqlBool> => sql<SqlBool>`false`;

/** The people whose records the viewer may see as an owner: themselves, plus their team for a manager. */
function ownedByReach(eb: Eb, ownerColumn: string, viewer: Viewer): Expression<SqlBool> {
  if (viewer.userId === null) return never();
  const self = eb(col(ownerColumn), '=', viewer.userId);
  if (viewer.role !== 'sales_manager' || viewer.teamId === null) return self;
  const team = eb
    .selectFrom('app_user')
    .select('app_user.id')
    .where('app_user.workspace_id', '=', viewer.workspaceId)
    .where('app_user.team_id', '=', viewer.teamId);
  return eb.or([self, eb(col(ownerColumn), 'in', team)]);
}

function partnerOnly(eb: Eb, partnerColumn: string, viewer: Viewer): Expression<SqlBool> {
  return viewer.partnerId === null ? never() : eb(col(partnerColumn), '=', viewer.partnerId);
}

const seesEverything = (viewer: Viewer) => viewer.role === 'admin' || viewer.role === 'marketing';

/** Rule for a row of `lead`, workspace included. */
export function leadVisibility(eb: Eb, viewer: Viewer): Expression<SqlBool> {
  const workspace = eb(col('lead.workspace_id'), '=', viewer.workspaceId);
  if (seesEverything(viewer)) return workspace;
  if (viewer.role === 'partner') return eb.and([workspace, partnerOnly(eb, 'lead.partner_id', viewer)]);
  const owned = ownedByReach(eb, 'lead.owner_id', viewer);
  if (viewer.role === 'sales_manager' && viewer.teamId !== null) {
    return eb.and([workspace, eb.or([owned, eb(col('lead.team_id'), '=', viewer.teamId)])]);
  }
  return eb.and([workspace, owned]);
}

/** Rule for a row of `opportunity`, workspace included. */
export function opportunityVisibility(eb: Eb, viewer: Viewer): Expression<SqlBool> {
  const workspace = eb(col('opportunity.workspace_id'), '=', viewer.workspaceId);
  if (seesEverything(viewer)) return workspace;
  if (viewer.role === 'partner')
    return eb.and([workspace, partnerOnly(eb, 'opportunity.partner_id', viewer)]);
  return eb.and([workspace, ownedByReach(eb, 'opportunity.owner_id', viewer)]);
}

/** Leads of this contact that the viewer may see. */
function hasVisibleLead(eb: Eb, viewer: Viewer, contactIdColumn: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('lead')
      .select(sql`1`.as('one'))
      .where('lead.workspace_id', '=', viewer.workspaceId)
      .where(col('lead.contact_id'), '=', col(contactIdColumn))
      .where((inner) => leadVisibility(inner as Eb, viewer)),
  );
}

/** Opportunities at this account that the viewer may see. */
function hasVisibleOpportunity(eb: Eb, viewer: Viewer, accountIdColumn: string): Expression<SqlBool> {
  return eb.exists(
    eb
      .selectFrom('opportunity')
      .select(sql`1`.as('one'))
      .where('opportunity.workspace_id', '=', viewer.workspaceId)
      .where(col('opportunity.account_id'), '=', col(accountIdColumn))
      .where((inner) => opportunityVisibility(inner as Eb, viewer)),
  );
}

/**
 * Rule for a row of `contact`: owned within reach, or the subject of a visible lead, or working
 * at an account where the viewer has a visible opportunity (the buying committee of their deal).
 */
export function contactVisibility(eb: Eb, viewer: Viewer): Expression<SqlBool> {
  const workspace = eb(col('contact.workspace_id'), '=', viewer.workspaceId);
  if (seesEverything(viewer)) return workspace;
  if (viewer.role === 'partner') return eb.and([workspace, partnerOnly(eb, 'contact.partner_id', viewer)]);
  return eb.and([
    workspace,
    eb.or([
      ownedByReach(eb, 'contact.owner_id', viewer),
      hasVisibleLead(eb, viewer, 'contact.id'),
      hasVisibleOpportunity(eb, viewer, 'contact.account_id'),
    ]),
  ]);
}

/** Rule for a row of `account`: owned within reach, or with a visible opportunity or a visible lead. */
export function accountVisibility(eb: Eb, viewer: Viewer): Expression<SqlBool> {
  const workspace = eb(col('account.workspace_id'), '=', viewer.workspaceId);
  if (seesEverything(viewer)) return workspace;
  if (viewer.role === 'partner') return eb.and([workspace, partnerOnly(eb, 'account.partner_id', viewer)]);
  const leadAtAccount = eb.exists(
    eb
      .selectFrom('contact as account_contact')
      .select(sql`1`.as('one'))
      .where('account_contact.workspace_id', '=', viewer.workspaceId)
      .where(col('account_contact.account_id'), '=', col('account.id'))
      .where((inner) => hasVisibleLead(inner as Eb, viewer, 'account_contact.id')),
  );
  return eb.and([
    workspace,
    eb.or([
      ownedByReach(eb, 'account.owner_id', viewer),
      hasVisibleOpportunity(eb, viewer, 'account.id'),
      leadAtAccount,
    ]),
  ]);
}

/** Leads the viewer may see; add selects, joins and filters to it. */
export function visibleLeads(db: Executor, viewer: Viewer) {
  return db.selectFrom('lead').where((eb) => leadVisibility(eb as Eb, viewer));
}

export function visibleContacts(db: Executor, viewer: Viewer) {
  return db.selectFrom('contact').where((eb) => contactVisibility(eb as Eb, viewer));
}

export function visibleAccounts(db: Executor, viewer: Viewer) {
  return db.selectFrom('account').where((eb) => accountVisibility(eb as Eb, viewer));
}

export function visibleOpportunities(db: Executor, viewer: Viewer) {
  return db.selectFrom('opportunity').where((eb) => opportunityVisibility(eb as Eb, viewer));
}
