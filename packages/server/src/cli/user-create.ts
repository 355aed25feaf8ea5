import type { Role } from '@tandem/contracts';
import { sql } from 'kysely';
import { createUser } from '../app/workspaces.js';
import { AppError, invalid } from '../errors.js';
import { newId } from '../id.js';
import { insertAudit } from '../store/audit.repo.js';
import type { Db } from '../store/db.js';
import { findUsersByEmail } from '../store/user.repo.js';
import type { CliContext } from './context.js';
import { readPassword } from './io.js';
import { resolveWorkspace } from './resolve-workspace.js';

export interface UserCreateOptions {
  email: string;
  name: string;
  role: Role;
  team?: string | undefined;
  partner?: string | undefined;
  workspace?: string | undefined;
  passwordStdin?: boolean | undefined;
}

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  team: string | null;
  partner: string | null;
  workspace: string;
  /** Without a password the user cannot log in until one is set. */
  passwordSet: boolean;
}

/**
 * A partner user belongs to a partner organisation; `--partner <name>` finds it or creates it.
 * (Partner management proper arrives with the partner feature; this is the CLI's minimum.)
 */
async function ensurePartner(
  db: Db,
  workspaceId: string,
  name: string,
): Promise<{ id: string; name: string }> {
  const existing = await db
    .selectFrom('partner')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where(sql<string>`lower(name)`, '=', name.trim().toLowerCase())
    .executeTakeFirst();
  if (existing) return existing;
  return db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('partner')
      .values({ workspace_id: workspaceId, id: newId(), name: name.trim() })
      .returning(['id', 'name'])
      .executeTakeFirstOrThrow();
    await insertAudit(trx, {
      workspaceId,
      actorKind: 'system',
      actorId: null,
      action: 'partner.created',
      targetType: 'partner',
      targetId: row.id,
      details: { name: row.name },
    });
    return row;
  });
}

/**
 * `tandem user create --email <e> --name <n> --role <r> [--team <t>] [--partner <p>]
 * [--workspace <slug>] [--password-stdin]`
 */
export async function userCreateCommand(ctx: CliContext, options: UserCreateOptions): Promise<CreatedUser> {
  if (options.role === 'partner' && !options.partner?.trim()) {
    throw invalid('partner', 'a partner user needs --partner <organisation name>');
  }
  if (options.role !== 'partner' && options.partner !== undefined) {
    throw invalid('partner', 'only users with role partner belong to a partner organisation');
  }
  // Read the password before touching the database, so a missing one changes nothing.
  const password = options.passwordStdin ? await readPassword(ctx.io) : null;
  return ctx.withDb('tandem user create', async (db) => {
    const workspace = await resolveWorkspace(db, options.workspace);
    const email = options.email.trim().toLowerCase();
    if ((await findUsersByEmail(db, email)).some((u) => u.workspace_id === workspace.id)) {
      throw new AppError('conflict', `a user with email ${email} exists in workspace ${workspace.slug}`, {
        field: 'email',
      });
    }
    const partner = options.partner ? await ensurePartner(db, workspace.id, options.partner) : null;
    const user = await createUser(db, {
      workspaceId: workspace.id,
      email: options.email,
      name: options.name,
      role: options.role,
      team: options.team ?? null,
      partnerId: partner?.id ?? null,
      password,
    });
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      team: user.team_id ? (options.team ?? null) : null,
      partner: partner?.name ?? null,
      workspace: workspace.slug,
      passwordSet: user.password_hash !== null,
    };
  });
}

export function formatUserCreate(u: CreatedUser): string {
  const memberOf = [u.team && `team "${u.team}"`, u.partner && `partner "${u.partner}"`]
    .filter(Boolean)
    .join(', ');
  return [
    `Created ${u.role} ${u.name} <${u.email}> in workspace ${u.workspace}${memberOf ? ` (${memberOf})` : ''}, id ${u.id}.`,
    u.passwordSet
      ? 'They can log in with the password given.'
      : 'No password set: they cannot log in until one is set (use --password-stdin).',
  ].join('\n');
}
