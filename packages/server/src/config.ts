import path from 'node:path';

/**
 * The whole runtime configuration, read once from the environment at boot.
 * This is the only module that reads `process.env`; every other module receives a `Config`.
 */
export interface Config {
  /** HTTP port (PORT, default 3000). */
  port: number;
  /** Interface to bind (HOST, default 127.0.0.1; use 0.0.0.0 behind a proxy or in a container). */
  host: string;
  /** Public base URL, used in links and to decide whether cookies are `Secure` (TANDEM_PUBLIC_URL). */
  publicUrl: string;
  /** Data directory for the embedded database, lock file and uploads (TANDEM_DATA_DIR, default ./data). */
  dataDir: string;
  /** PostgreSQL connection string; when unset the embedded PGlite database in dataDir is used. */
  databaseUrl: string | undefined;
  /** Maximum connections in the PostgreSQL pool (DATABASE_POOL_SIZE, default 10). */
  databasePoolSize: number;
  /** pino log level (LOG_LEVEL, default info). */
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Load the demo workspace when the database is empty (TANDEM_DEMO, default true). */
  seedDemoOnFirstRun: boolean;
  /** Sessions end after this many minutes without a request (TANDEM_SESSION_IDLE_MINUTES, default 480). */
  sessionIdleMinutes: number;
  /** Sessions end this many hours after login whatever the activity (TANDEM_SESSION_MAX_HOURS, default 168). */
  sessionMaxHours: number;
  /** Failed logins per email within 15 minutes before further attempts are refused (TANDEM_LOGIN_MAX_FAILURES, default 5). */
  loginMaxFailures: number;
  /** Seconds a graceful shutdown waits for in-flight requests (TANDEM_SHUTDOWN_GRACE_SECONDS, default 10). */
  shutdownGraceSeconds: number;
  /**
   * Trust X-Forwarded-* headers for the client address (TANDEM_TRUST_PROXY, default false): set it
   * only behind a reverse proxy, or clients could spoof their address (login throttling, audit log).
   */
  trustProxy: boolean;
  /** Email domains of free-mail providers, which never create a company account (TANDEM_FREEMAIL_DOMAINS). */
  freemailDomains: string[];
  /** Run due timers (SLA clocks, sweeps) in this process (TANDEM_JOBS, default true). */
  jobs: boolean;
  /** SMTP server for outgoing email (TANDEM_SMTP_URL, smtp:// or smtps://); unset: emails are only logged. */
  smtpUrl: string | undefined;
  /** Sender of outgoing email (TANDEM_MAIL_FROM, default "Tandem <tandem@localhost>"). */
  mailFrom: string;
  /**
   * Let webhooks reach private, loopback and link-local addresses (TANDEM_WEBHOOK_ALLOW_PRIVATE,
   * default false). Only for a receiver on the same machine or network; warned about at start.
   */
  webhookAllowPrivate: boolean;
  /** Seconds a webhook receiver has to answer (TANDEM_WEBHOOK_TIMEOUT_SECONDS, default 10). */
  webhookTimeoutSeconds: number;
  /** Largest file the asset library accepts, in bytes (TANDEM_ASSET_MAX_BYTES, default 25 MB). */
  assetMaxBytes: number;
}

/** Free-mail providers whose addresses name a person, not a company. */
export const defaultFreemailDomains: readonly string[] = (
  'gmail.com googlemail.com yahoo.com yahoo.co.uk yahoo.fr ymail.com hotmail.com hotmail.co.uk hotmail.fr ' +
  'outlook.com live.com msn.com aol.com icloud.com me.com mac.com proton.me protonmail.com gmx.com gmx.de ' +
  'gmx.net web.de mail.com yandex.ru yandex.com mail.ru zoho.com qq.com 163.com 126.com fastmail.com hey.com ' +
  'tutanota.com orange.fr free.fr laposte.net t-online.de comcast.net att.net verizon.net btinternet.com ' +
  'libero.it naver.com'
).split(' ');

export interface ConfigVariable {
  name: string;
  description: string;
  default: string;
}

/** Every environment variable Tandem reads, for README and `tandem doctor`. */
export const configVariables: readonly ConfigVariable[] = [
  { name: 'PORT', description: 'HTTP port', default: '3000' },
  { name: 'HOST', description: 'Interface to bind; 0.0.0.0 to listen on all', default: '127.0.0.1' },
  {
    name: 'TANDEM_PUBLIC_URL',
    description: 'Public base URL; https:// makes session cookies Secure',
    default: 'http://localhost:$PORT',
  },
  {
    name: 'TANDEM_DATA_DIR',
    description: 'Directory for the embedded database, its lock file and uploads',
    default: './data',
  },
  {
    name: 'DATABASE_URL',
    description: 'postgres:// connection string; unset means the embedded PGlite database',
    default: '(unset)',
  },
  { name: 'DATABASE_POOL_SIZE', description: 'PostgreSQL pool size', default: '10' },
  { name: 'LOG_LEVEL', description: 'fatal, error, warn, info, debug, trace or silent', default: 'info' },
  { name: 'TANDEM_DEMO', description: 'Load the demo workspace into an empty database', default: 'true' },
  { name: 'TANDEM_SESSION_IDLE_MINUTES', description: 'Idle timeout of a login session', default: '480' },
  { name: 'TANDEM_SESSION_MAX_HOURS', description: 'Absolute lifetime of a login session', default: '168' },
  {
    name: 'TANDEM_LOGIN_MAX_FAILURES',
    description: 'Failed logins per email in 15 minutes before login is refused',
    default: '5',
  },
  {
    name: 'TANDEM_TRUST_PROXY',
    description: 'Trust X-Forwarded-For from a reverse proxy for client addresses',
    default: 'false',
  },
  {
    name: 'TANDEM_SHUTDOWN_GRACE_SECONDS',
    description: 'How long SIGTERM waits for in-flight requests',
    default: '10',
  },
  {
    name: 'TANDEM_FREEMAIL_DOMAINS',
    description:
      'Comma-separated free-mail domains that never create a company account (replaces the built-in list)',
    default: 'built-in list',
  },
  {
    name: 'TANDEM_JOBS',
    description: 'Run due timers (SLA clocks, sweeps) in this process; any number of processes may',
    default: 'true',
  },
  {
    name: 'TANDEM_SMTP_URL',
    description:
      'SMTP server for email, smtp://user:pass@host:587 or smtps://…; unset: emails are only logged',
    default: '(unset)',
  },
  {
    name: 'TANDEM_MAIL_FROM',
    description: 'Sender address of outgoing email',
    default: 'Tandem <tandem@localhost>',
  },
  {
    name: 'TANDEM_WEBHOOK_ALLOW_PRIVATE',
    description: 'Let webhooks reach private and loopback addresses (local receivers only; unsafe otherwise)',
    default: 'false',
  },
  {
    name: 'TANDEM_WEBHOOK_TIMEOUT_SECONDS',
    description: 'Seconds a webhook receiver has to answer',
    default: '10',
  },
  {
    name: 'TANDEM_ASSET_MAX_BYTES',
    description: 'Largest file the asset library accepts, in bytes',
    default: '26214400',
  },
];

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Validates the whole environment and lists every problem at once.
 * @example loadConfig({ PORT: '8080', DATABASE_URL: 'postgres://tandem@db/tandem' })
 */
export function loadConfig(env: Env = process.env, cwd: string = process.cwd()): Config {
  const problems: string[] = [];
  const int = (name: string, fallback: number, min: number, max: number): number => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  };
  const bool = (name: string, fallback: boolean): boolean => {
    const raw = env[name]?.toLowerCase();
    if (raw === undefined || raw === '') return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
    if (['0', 'false', 'no', 'off'].includes(raw)) return false;
    problems.push(`${name} must be true or false (got "${env[name]}")`);
    return fallback;
  };

  const port = int('PORT', 3000, 0, 65535);
  const host = env.HOST || '127.0.0.1';
  const publicUrl = (env.TANDEM_PUBLIC_URL || `http://localhost:${port}`).replace(/\/+$/, '');
  try {
    const url = new URL(publicUrl);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('protocol');
  } catch {
    problems.push(`TANDEM_PUBLIC_URL must be an http(s) URL (got "${publicUrl}")`);
  }
  const databaseUrl = env.DATABASE_URL || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const smtpUrl = env.TANDEM_SMTP_URL || undefined;
  if (smtpUrl !== undefined && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    problems.push('TANDEM_SMTP_URL must start with smtp:// or smtps://');
  }
  const logLevel = (env.LOG_LEVEL || 'info').toLowerCase();
  if (!(logLevels as readonly string[]).includes(logLevel)) {
    problems.push(`LOG_LEVEL must be one of ${logLevels.join(', ')} (got "${env.LOG_LEVEL}")`);
  }

  const config: Config = {
    port,
    host,
    publicUrl,
    dataDir: path.resolve(cwd, env.TANDEM_DATA_DIR || 'data'),
    databaseUrl,
    databasePoolSize: int('DATABASE_POOL_SIZE', 10, 1, 500),
    logLevel: logLevel as Config['logLevel'],
    seedDemoOnFirstRun: bool('TANDEM_DEMO', true),
    sessionIdleMinutes: int('TANDEM_SESSION_IDLE_MINUTES', 480, 1, 60 * 24 * 30),
    sessionMaxHours: int('TANDEM_SESSION_MAX_HOURS', 168, 1, 24 * 365),
    loginMaxFailures: int('TANDEM_LOGIN_MAX_FAILURES', 5, 1, 1000),
    shutdownGraceSeconds: int('TANDEM_SHUTDOWN_GRACE_SECONDS', 10, 0, 600),
    trustProxy: bool('TANDEM_TRUST_PROXY', false),
    freemailDomains: env.TANDEM_FREEMAIL_DOMAINS
      ? env.TANDEM_FREEMAIL_DOMAINS.split(',')
          .map((d) => d.trim().toLowerCase())
          .filter((d) => d !== '')
      : [...defaultFreemailDomains],
    jobs: bool('TANDEM_JOBS', true),
    smtpUrl,
    mailFrom: env.TANDEM_MAIL_FROM || 'Tandem <tandem@localhost>',
    webhookAllowPrivate: bool('TANDEM_WEBHOOK_ALLOW_PRIVATE', false),
    webhookTimeoutSeconds: int('TANDEM_WEBHOOK_TIMEOUT_SECONDS', 10, 1, 120),
    assetMaxBytes: int('TANDEM_ASSET_MAX_BYTES', 25 * 1024 * 1024, 1024, 2 ** 31),
  };
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** Whether cookies must carry the Secure attribute. */
export function isSecureOrigin(config: Pick<Config, 'publicUrl'>): boolean {
  return config.publicUrl.startsWith('https://');
}
