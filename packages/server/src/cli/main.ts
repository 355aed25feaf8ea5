import { apiKeyKinds, outcomeStages, roles } from '@tandem/contracts';
import { Argument, Command, Option } from 'commander';
import { tandemVersion } from '../version.js';
import { type CliContext, createCliContext } from './context.js';
import {
  type ContractBacktestOptions,
  contractBacktestCommand,
  formatContractBacktest,
} from './contract-backtest.js';
import { doctorCommand, formatDoctor } from './doctor.js';
import { formatImport, type ImportOptions, importCommand, importFailed, importKindNames } from './import.js';
import type { CliIo } from './io.js';
import { formatKeyCreate, type KeyCreateOptions, keyCreateCommand } from './key-create.js';
import { formatMigrate, migrateCommand } from './migrate.js';
import { execute } from './output.js';
import { formatSeed, seedCommand } from './seed.js';
import { formatUserCreate, type UserCreateOptions, userCreateCommand } from './user-create.js';
import {
  formatWorkspaceCreate,
  type WorkspaceCreateOptions,
  workspaceCreateCommand,
} from './workspace-create.js';

const jsonOption = (): Option => new Option('--json', 'print the result as JSON (errors as JSON on stderr)');
const workspaceOption = (): Option =>
  new Option('--workspace <slug>', 'workspace to act on (default: the only one)');

/**
 * The `tandem` program. Actions only call a command and hand its value to the output, which
 * prints it (text or `--json`) and sets the exit code.
 * @example tandem user create --email ann@acme.com --name "Ann" --role admin --password-stdin < pw.txt
 */
export function buildProgram(ctx: CliContext): Command {
  const { output } = ctx;
  const program = new Command('tandem')
    .description('Operate a Tandem installation: database, workspaces, users, API keys, demo data.')
    .version(tandemVersion, '-V, --version')
    .configureOutput(output.commanderOutput())
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .hook('preAction', (_program, action) => {
      output.json = action.opts().json === true;
    });

  program
    .command('migrate')
    .description('apply pending database migrations')
    .addOption(jsonOption())
    .action(async () => output.result(await migrateCommand(ctx), formatMigrate));

  program
    .command('workspace')
    .description('manage workspaces')
    .command('create')
    .description('create a workspace')
    .requiredOption('--name <name>', 'display name')
    .option('--slug <slug>', 'URL name: lowercase letters, digits and dashes (default: from the name)')
    .option('--timezone <tz>', 'IANA time zone for business hours (default: UTC)')
    .addOption(jsonOption())
    .action(async (opts: WorkspaceCreateOptions) =>
      output.result(await workspaceCreateCommand(ctx, opts), formatWorkspaceCreate),
    );

  program
    .command('user')
    .description('manage users')
    .command('create')
    .description('create a user; the password is read from standard input')
    .requiredOption('--email <email>', 'login email')
    .requiredOption('--name <name>', 'display name')
    .addOption(new Option('--role <role>', 'role').choices(roles).makeOptionMandatory())
    .option('--team <name>', 'team name (created when missing)')
    .option('--partner <name>', 'partner organisation of a partner user (created when missing)')
    .addOption(workspaceOption())
    .option('--password-stdin', 'read the password from standard input (never from arguments)')
    .addOption(jsonOption())
    .action(async (opts: UserCreateOptions) =>
      output.result(await userCreateCommand(ctx, opts), formatUserCreate),
    );

  program
    .command('key')
    .description('manage API keys')
    .command('create')
    .description('create an API key and print it once')
    .addOption(
      new Option('--kind <kind>', 'write: ingestion only (public); secret: REST API')
        .choices(apiKeyKinds)
        .makeOptionMandatory(),
    )
    .option('--name <name>', 'label shown in settings')
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (opts: KeyCreateOptions) =>
      output.result(await keyCreateCommand(ctx, opts), formatKeyCreate),
    );

  program
    .command('seed')
    .description('load sample data')
    .requiredOption('--demo', 'the demo workspace "Acme Analytics" (slug demo)')
    .addOption(jsonOption())
    .action(async (opts: { demo?: boolean }) => output.result(await seedCommand(ctx, opts), formatSeed));

  program
    .command('import')
    .description('import a CSV file; every row is checked first, and a file with a bad row imports nothing')
    .addArgument(new Argument('<kind>', 'what the file holds').choices(importKindNames))
    .argument('<file>', 'the CSV file (header row first)')
    .option('--dry-run', 'check and preview only')
    .option('--only-good-rows', 'import the good rows of a file that has bad ones')
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (kind: string, file: string, opts: ImportOptions) => {
      const outcome = await importCommand(ctx, kind, file, opts);
      output.result(outcome, formatImport, { failed: importFailed(outcome) });
    });

  program
    .command('doctor')
    .description('check configuration, database, migrations and the data-directory lock; print versions')
    .addOption(jsonOption())
    .action(async () => {
      const report = await doctorCommand(ctx);
      output.result(report, formatDoctor, { failed: !report.ok });
    });

  program
    .command('contract')
    .description('work with the lead contract')
    .command('backtest')
    .description('replay a contract (YAML or JSON file) over history and compare it with the active version')
    .argument('<file>', 'the contract, .yaml/.yml or .json')
    .requiredOption('--from <date>', 'start of the window (ISO date or date-time)')
    .requiredOption('--to <date>', 'end of the window')
    .addOption(
      new Option('--outcome <stage>', 'what counts as a conversion').choices(outcomeStages).default('sql'),
    )
    .option('--within-days <days>', 'days after the MQL within which the outcome counts', '90')
    .addOption(workspaceOption())
    .addOption(jsonOption())
    .action(async (file: string, opts: ContractBacktestOptions) =>
      output.result(await contractBacktestCommand(ctx, file, opts), formatContractBacktest),
    );

  return program;
}

const processIo: CliIo = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };

/** Entry point of bin/tandem.js: runs the command line of this process and sets its exit code. */
export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const ctx = createCliContext(processIo, argv);
  process.exitCode = await execute(buildProgram(ctx), argv, ctx.output);
}
