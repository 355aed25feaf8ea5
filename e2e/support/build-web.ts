import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
export const webRoot = path.join(repoRoot, 'packages/web');
export const webDist = path.join(webRoot, 'dist');

function newestMtime(entry: string): number {
  if (!existsSync(entry)) return 0;
  const stat = statSync(entry);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const child of readdirSync(entry)) newest = Math.max(newest, newestMtime(path.join(entry, child)));
  return newest;
}

/** Whether packages/web/dist is missing or older than anything it is built from. */
export function webBuildIsStale(): boolean {
  const built = path.join(webDist, 'index.html');
  if (!existsSync(built)) return true;
  const sources = [
    path.join(webRoot, 'src'),
    path.join(webRoot, 'index.html'),
    path.join(webRoot, 'vite.config.ts'),
    path.join(repoRoot, 'packages/contracts/src'),
  ];
  return Math.max(...sources.map(newestMtime)) > statSync(built).mtimeMs;
}

/** Builds the web app when it is stale, so browser tests always exercise the current sources. */
export async function ensureWebBuilt(): Promise<void> {
  if (!webBuildIsStale()) return;
  // The test runner sets NODE_ENV=test, which would give React's development bundle.
  const previous = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      root: webRoot,
      configFile: path.join(webRoot, 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } finally {
    process.env.NODE_ENV = previous;
  }
}
