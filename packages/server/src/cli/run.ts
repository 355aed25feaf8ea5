import { type CliOptions, createCliContext } from './context.js';
import type { CliIo } from './io.js';
import { buildProgram } from './main.js';
import { execute } from './output.js';

export type { CliOptions } from './context.js';
export type { CliIo } from './io.js';

/**
 * Runs one `tandem` command line in-process and returns its exit code (0 done, 1 failed,
 * 2 usage). Tests pass in-memory streams and an `openDatabase` that hands out a test database.
 * @example await runCli(['key', 'create', '--kind', 'secret', '--json'], io, { openDatabase })
 */
export async function runCli(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const ctx = createCliContext(io, argv, options);
  return execute(buildProgram(ctx), argv, ctx.output);
}
