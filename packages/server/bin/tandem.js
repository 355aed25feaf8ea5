#!/usr/bin/env node
// The `tandem` command: runs the compiled CLI (packages/server/dist), built by `npm run build`.
import { existsSync } from 'node:fs';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('tandem: the server is not built yet; run `npm run build` first');
  process.exit(1);
}
const { main } = await import(entry.href);
await main();
