// Shared helpers for the start/test/build scripts. Plain Node, no dependencies: these run
// before `npm install` has happened.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export function run(command, args, options = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: 'inherit', ...options });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (code === 0) resolve();
      else reject(new Error(`${command} ${args.join(' ')} exited with ${signal ?? code}`));
    });
  });
}

const stampFile = path.join(root, 'node_modules', '.tandem-install-stamp');

function lockHash() {
  const files = [
    'package.json',
    'package-lock.json',
    ...['contracts', 'server', 'web', 'sdk'].map((p) => `packages/${p}/package.json`),
  ];
  const hash = createHash('sha256');
  for (const file of files) {
    const full = path.join(root, file);
    if (existsSync(full)) hash.update(readFileSync(full));
  }
  return hash.digest('hex');
}

/** Installs dependencies when node_modules is missing or the manifests changed since the last install. */
export async function ensureInstalled() {
  const wanted = lockHash();
  if (existsSync(stampFile) && readFileSync(stampFile, 'utf8') === wanted) return;
  // `npm install` rather than `npm ci`: the lock file records only this platform's optional
  // binaries (Biome, esbuild), which `npm ci` refuses; install still honours the locked versions.
  console.log('tandem: installing dependencies (npm install)…');
  await run('npm', ['install', '--no-audit', '--no-fund']);
  writeFileSync(stampFile, wanted);
}

/** Newest modification time of a file, or of the files below a folder (skipping build output and dependencies). */
export function newestMtime(dir) {
  let newest = 0;
  if (!existsSync(dir)) return newest;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  const stack = [dir];
  while (stack.length > 0) {
    const current = stack.pop();
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) stack.push(full);
      else newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}
