import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The core runs anywhere (tests, workers, servers): the browser lives in browser/ only.
const browserGlobals =
  /\b(window|document|navigator|localStorage|sessionStorage|location|fetch|XMLHttpRequest|addEventListener)\b/;

describe('core/', () => {
  const dir = new URL('./', import.meta.url);
  const sources = readdirSync(dir).filter((name) => name.endsWith('.ts') && !name.endsWith('.test.ts'));

  it.each(sources)('%s uses no browser global', (name) => {
    const code = readFileSync(new URL(name, dir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    expect(code).not.toMatch(browserGlobals);
    expect(code).not.toMatch(/from '\.\.\/browser\//);
  });
});
