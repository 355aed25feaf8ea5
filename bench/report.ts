import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const performanceDoc = fileURLToPath(new URL('../docs/performance.md', import.meta.url));

/** One line describing where and when a figure was measured. */
export function machineLine(now: Date = new Date()): string {
  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const memory = Math.round(os.totalmem() / 2 ** 30);
  return `Measured ${now.toISOString().slice(0, 10)} on ${os.cpus().length} × ${cpu}, ${memory} GiB RAM, Node ${process.version}, ${os.platform()} ${os.release()}.`;
}

/**
 * Replaces the section `## <title>` of docs/performance.md (or appends it) with new figures,
 * leaving the other benchmarks' sections as they were.
 */
export function writePerformanceSection(title: string, body: string): void {
  const heading = `## ${title}`;
  const current = existsSync(performanceDoc) ? readFileSync(performanceDoc, 'utf8') : '# Performance\n';
  const section = `${heading}\n\n${body.trim()}\n`;
  const start = current.indexOf(`${heading}\n`);
  let next: string;
  if (start === -1) {
    next = `${current.trimEnd()}\n\n${section}`;
  } else {
    const rest = current.slice(start + heading.length);
    const end = rest.search(/\n## /);
    next = current.slice(0, start) + section + (end === -1 ? '' : rest.slice(end));
  }
  writeFileSync(performanceDoc, `${next.trimEnd()}\n`);
}

/** Markdown table from rows of equal keys. */
export function table(rows: Array<Record<string, string | number>>): string {
  const first = rows[0];
  if (!first) return '';
  const keys = Object.keys(first);
  const line = (cells: Array<string | number>) => `| ${cells.join(' | ')} |`;
  return [
    line(keys),
    line(keys.map(() => '---')),
    ...rows.map((row) => line(keys.map((k) => row[k] ?? ''))),
  ].join('\n');
}
