import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench -- <name> [options]` runs bench/<name>.bench.ts, which measures and writes its
 * figures into docs/performance.md. Without a name it lists the benchmarks.
 */
const dir = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(dir)
  .filter((file) => file.endsWith('.bench.ts'))
  .map((file) => file.replace(/\.bench\.ts$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !available.includes(name)) {
  console.log(`usage: npm run bench -- <${available.join('|') || 'name'}> [options]`);
  process.exit(name ? 2 : 0);
}
const module = (await import(`./${name}.bench.ts`)) as { run(args: string[]): Promise<void> };
await module.run(args);
