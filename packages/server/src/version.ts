import { readFileSync } from 'node:fs';

/** Tandem's version, from the server package manifest (same relative path from src/ and dist/). */
export const tandemVersion: string = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;
