// Builds the tracking snippet: dist/tandem.js, one minified IIFE served at /sdk.js.
// `node build.mjs [outfile]` writes elsewhere (the size test builds into a temporary directory).
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const { version } = JSON.parse(readFileSync(path.join(here, 'package.json'), 'utf8'));

export async function buildSnippet(outfile = path.join(here, 'dist', 'tandem.js')) {
  const result = await esbuild.build({
    entryPoints: [path.join(here, 'src', 'browser', 'entry.ts')],
    bundle: true,
    format: 'iife',
    minify: true,
    target: ['es2020'],
    define: { TANDEM_VERSION: JSON.stringify(version) },
    legalComments: 'none',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].contents;
  // Write then rename, so a server or test reading the file never sees half of it.
  mkdirSync(path.dirname(outfile), { recursive: true });
  const partial = `${outfile}.${process.pid}.tmp`;
  writeFileSync(partial, code);
  renameSync(partial, outfile);
  return { outfile, bytes: code.length };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2] ? path.resolve(process.argv[2]) : undefined;
  const { outfile, bytes } = await buildSnippet(target);
  console.log(`${path.relative(process.cwd(), outfile)}: ${bytes} bytes`);
}
