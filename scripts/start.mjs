// `npm start`: install what is missing, build what is stale, then run the server (which migrates
// the database and loads the demo data on first run). Signals are passed on for a clean shutdown.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { build } from './build.mjs';
import { root } from './lib.mjs';

await build();
const child = spawn(
  process.execPath,
  ['--enable-source-maps', path.join(root, 'packages/server/dist/main.js')],
  {
    stdio: 'inherit',
    cwd: process.cwd(),
  },
);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
