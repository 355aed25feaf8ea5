import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConfigError, configVariables, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('has working defaults', () => {
    const config = loadConfig({}, '/srv/tandem');
    expect(config).toMatchObject({
      port: 3000,
      host: '127.0.0.1',
      dataDir: '/srv/tandem/data',
      databaseUrl: undefined,
      seedDemoOnFirstRun: true,
      publicUrl: 'http://localhost:3000',
    });
  });

  it('lists every problem at once', () => {
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', TANDEM_DEMO: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it('every variable it reads is documented in README', () => {
    const readme = readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
    for (const variable of configVariables) expect(readme).toContain(`\`${variable.name}\``);
    const source = readFileSync(new URL('./config.ts', import.meta.url), 'utf8');
    const read = new Set(
      [...source.matchAll(/env\.([A-Z_]+)|int\('([A-Z_]+)'|bool\('([A-Z_]+)'/g)].map(
        (m) => m[1] ?? m[2] ?? m[3],
      ),
    );
    for (const name of read) expect(configVariables.map((v) => v.name)).toContain(name);
  });
});
