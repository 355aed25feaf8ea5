import { type Command, CommanderError, type OutputConfiguration } from 'commander';
import { ConfigError } from '../config.js';
import { AppError } from '../errors.js';
import type { CliIo } from './io.js';

/** 0: done; 1: the command failed (an error, or a failed doctor check); 2: wrong usage. */
export type ExitCode = 0 | 1 | 2;

export interface CliErrorBody {
  /** An error code from docs/errors.md, or `usage` for wrong arguments. */
  code: string;
  detail: string;
  field?: string;
  errors?: Array<{ field: string; detail: string }>;
}

/**
 * The one place that prints and decides exit codes. Commands return values; the program hands
 * them here with a formatter for people; `--json` prints the value itself for scripts.
 */
export class Output {
  /** Whether to print JSON; set from the parsed `--json` option before each action. */
  json: boolean;
  private code: ExitCode = 0;

  constructor(
    private readonly io: CliIo,
    argv: readonly string[],
  ) {
    // Before parsing succeeds (usage errors) the raw argument list is all there is to go by.
    this.json = argv.includes('--json');
  }

  get exitCode(): ExitCode {
    return this.code;
  }

  /** Prints a command's value; `failed` makes the exit code 1 (e.g. a doctor check failed). */
  result<T>(value: T, format: (value: T) => string, options: { failed?: boolean } = {}): void {
    this.io.stdout.write(this.json ? `${JSON.stringify(value, null, 2)}\n` : ensureNewline(format(value)));
    if (options.failed) this.code = 1;
  }

  /** Prints an error to standard error and returns the exit code it means. */
  error(error: unknown): ExitCode {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
      // Commander already printed its message (unless --json silenced it).
      if (this.json) this.writeError({ code: 'usage', detail: error.message.replace(/^error: /, '') });
      this.code = 2;
      return 2;
    }
    this.code = 1;
    if (error instanceof AppError) {
      this.writeError({
        code: error.code,
        detail: error.message,
        ...(error.field !== undefined ? { field: error.field } : {}),
      });
    } else if (error instanceof ConfigError) {
      this.writeError({
        code: 'validation_failed',
        detail: 'invalid configuration',
        errors: error.problems.map((p) => ({ field: p.split(' ')[0] ?? '', detail: p })),
      });
    } else {
      this.writeError({
        code: 'internal_error',
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    return 1;
  }

  /** Commander's own help and error text goes to our streams (and stays quiet under --json). */
  commanderOutput(): OutputConfiguration {
    return {
      writeOut: (text) => this.io.stdout.write(text),
      writeErr: (text) => {
        if (!this.json) this.io.stderr.write(text);
      },
    };
  }

  private writeError(body: CliErrorBody): void {
    if (this.json) {
      this.io.stderr.write(`${JSON.stringify({ error: body }, null, 2)}\n`);
      return;
    }
    const lines = [`error: ${body.detail}${body.field ? ` (${body.field})` : ''}`];
    for (const e of body.errors ?? []) lines.push(`  - ${e.detail}`);
    this.io.stderr.write(`${lines.join('\n')}\n`);
  }
}

function ensureNewline(text: string): string {
  return text.endsWith('\n') ? text : `${text}\n`;
}

/** Parses and runs one command line; every outcome becomes an exit code, nothing is thrown. */
export async function execute(program: Command, argv: readonly string[], output: Output): Promise<ExitCode> {
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return output.exitCode;
  } catch (error) {
    return output.error(error);
  }
}
