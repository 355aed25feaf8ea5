// Builds what is out of date: contracts and server (tsc), web app (vite), tracking snippet (esbuild).
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureInstalled, newestMtime, root, run } from './lib.mjs';

const stampDir = path.join(root, 'node_modules', '.tandem-build');

function upToDate(name, inputs) {
  const stamp = path.join(stampDir, name);
  if (!existsSync(stamp)) return false;
  const built = Number(readFileSync(stamp, 'utf8'));
  return inputs.every((dir) => newestMtime(path.join(root, dir)) <= built);
}

function markBuilt(name, startedAt) {
  mkdirSync(stampDir, { recursive: true });
  writeFileSync(path.join(stampDir, name), String(startedAt));
}

const steps = [
  {
    name: 'contracts',
    inputs: ['packages/contracts'],
    output: 'packages/contracts/dist/index.js',
    build: () => run('npx', ['tsc', '-p', 'packages/contracts/tsconfig.build.json']),
  },
  {
    name: 'server',
    inputs: ['packages/contracts', 'packages/server/src', 'packages/server/package.json'],
    output: 'packages/server/dist/main.js',
    build: () => run('npx', ['tsc', '-p', 'packages/server/tsconfig.build.json']),
  },
  {
    name: 'web',
    inputs: ['packages/contracts', 'packages/web'],
    output: 'packages/web/dist/index.html',
    build: () =>
      run('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: path.join(root, 'packages/web') }),
    when: () => existsSync(path.join(root, 'packages/web/index.html')),
  },
  {
    name: 'sdk',
    inputs: ['packages/sdk'],
    output: 'packages/sdk/dist/tandem.js',
    build: () => run('node', ['build.mjs'], { cwd: path.join(root, 'packages/sdk') }),
    when: () => existsSync(path.join(root, 'packages/sdk/build.mjs')),
  },
];

export async function build({ force = false } = {}) {
  await ensureInstalled();
  for (const step of steps) {
    if (step.when && !step.when()) continue;
    if (!force && existsSync(path.join(root, step.output)) && upToDate(step.name, step.inputs)) continue;
    const startedAt = Date.now();
    console.log(`tandem: building ${step.name}…`);
    await step.build();
    markBuilt(step.name, startedAt);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  build({ force: process.argv.includes('--force') }).catch((error) => {
    console.error(error.message);
    process.exit(1);
  });
}
