import { createWorkspace } from '../app/workspaces.js';
import { invalid } from '../errors.js';
import type { CliContext } from './context.js';

export interface WorkspaceCreateOptions {
  name: string;
  slug?: string | undefined;
  timezone?: string | undefined;
}

export interface CreatedWorkspace {
  id: string;
  name: string;
  slug: string;
  timezone: string;
  createdAt: Date;
}

function assertTimeZone(timezone: string): void {
  try {
    new Intl.DateTimeFormat('en', { timeZone: timezone });
  } catch {
    throw invalid(
      'timezone',
      `"${timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York)`,
    );
  }
}

/** `tandem workspace create --name <n> [--slug <s>] [--timezone <tz>]` */
export async function workspaceCreateCommand(
  ctx: CliContext,
  options: WorkspaceCreateOptions,
): Promise<CreatedWorkspace> {
  if (options.timezone !== undefined) assertTimeZone(options.timezone);
  const workspace = await ctx.withDb('tandem workspace create', (db) =>
    createWorkspace(db, {
      name: options.name,
      ...(options.slug !== undefined ? { slug: options.slug } : {}),
      ...(options.timezone !== undefined ? { timezone: options.timezone } : {}),
    }),
  );
  return {
    id: workspace.id,
    name: workspace.name,
    slug: workspace.slug,
    timezone: workspace.timezone,
    createdAt: workspace.created_at,
  };
}

export function formatWorkspaceCreate(w: CreatedWorkspace): string {
  return `Created workspace "${w.name}" (slug ${w.slug}, time zone ${w.timezone}, id ${w.id}).`;
}
