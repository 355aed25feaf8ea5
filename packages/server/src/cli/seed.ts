import cliProgress from 'cli-progress';
import { type DemoSummary, type SeedProgress, seedDemo } from '../app/seed-demo.js';
import { invalid } from '../errors.js';
import type { CliContext } from './context.js';

/** `tandem seed --demo`: loads the demo workspace; refuses when it exists. */
export async function seedCommand(
  ctx: CliContext,
  options: { demo?: boolean | undefined },
): Promise<DemoSummary> {
  if (!options.demo) throw invalid('demo', 'only the demo data set exists: run `tandem seed --demo`');
  const progress = ctx.output.json || !ctx.io.stderr.isTTY ? undefined : progressBar(ctx);
  try {
    return await ctx.withDb('tandem seed', (db) =>
      seedDemo(db, {
        now: ctx.clock(),
        dataDir: ctx.config().dataDir,
        ...(progress ? { onProgress: progress.update } : {}),
      }),
    );
  } finally {
    progress?.stop();
  }
}

/** Long work shows progress on a terminal (never in --json output or when piped). */
function progressBar(ctx: CliContext): { update: (p: SeedProgress) => void; stop: () => void } {
  const bar = new cliProgress.SingleBar(
    { stream: ctx.io.stderr, format: 'Loading demo data [{bar}] {percentage}% {table}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  return {
    update(p) {
      if (!started) bar.start(p.total, 0, { table: p.table });
      started = true;
      bar.update(p.done, { table: p.table });
    },
    stop() {
      if (started) bar.stop();
    },
  };
}

export function formatSeed(s: DemoSummary): string {
  const c = s.counts;
  const width = Math.max(...s.credentials.users.map((u) => u.role.length));
  return [
    `Loaded the demo workspace "${s.workspace.name}" (slug ${s.workspace.slug}):`,
    `  ${c.accounts} accounts, ${c.contacts} contacts, ${c.events} events, ${c.campaigns} campaigns`,
    `  ${c.leads} leads (${c.stageTransitions} stage transitions), ${c.activities} activities, ${c.opportunities} opportunities`,
    '',
    `Log in as any of these users (password: ${s.credentials.password}):`,
    ...s.credentials.users.map((u) => `  ${u.role.padEnd(width)}  ${u.email}`),
    '',
    'API keys (shown only once):',
    `  write   ${s.credentials.writeKey}`,
    `  secret  ${s.credentials.secretKey}`,
  ].join('\n');
}
