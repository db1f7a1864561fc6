import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  ValidateBy,
  validateSync,
} from 'class-validator';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseTrustProxy, type TrustProxy } from './trust-proxy.js';

const toBoolean = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(v)) return true;
  if (['0', 'false', 'no', 'off'].includes(v)) return false;
  return value;
};

const toInteger = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^\s*-?\d+\s*$/.test(value) ? Number(value) : value;

/** The environment variables Mutu reads (DESIGN.md, "Interfaces that others build on"). */
export class EnvironmentVariables {
  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(65535)
  @IsInt()
  PORT: number = 3000;

  @IsOptional()
  @IsString()
  @MinLength(1)
  DATA_DIR: string = './data';

  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL?: string;

  /** PostgreSQL schema to use (tests give each run its own). */
  @IsOptional()
  @Matches(/^[a-z_][a-z0-9_]{0,62}$/, { message: 'must be a lower-case SQL identifier' })
  DATABASE_SCHEMA?: string;

  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MUTU_DEMO: boolean = true;

  @IsOptional()
  @IsString()
  @MinLength(8)
  MUTU_DEMO_PASSWORD: string = 'mutu-demo-2026';

  @IsOptional()
  @IsString()
  CHROMIUM_PATH?: string;

  /** Largest evidence file accepted, in MB (MiB); larger uploads are refused while they stream. */
  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(10240)
  @IsInt()
  MUTU_UPLOAD_LIMIT_MB: number = 50;

  /**
   * argon2id cost of stored passwords: memory in KiB, passes, lanes. The defaults are the argon2
   * library's (64 MiB, 3 passes, 4 lanes), above OWASP's minimum (19 MiB, 2 passes); a stored hash
   * carries its own cost, so changing these affects passwords set afterwards.
   */
  @IsOptional()
  @Transform(toInteger)
  @Min(1024)
  @Max(4194304)
  @IsInt()
  MUTU_PASSWORD_MEMORY_KIB: number = 65536;

  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(20)
  @IsInt()
  MUTU_PASSWORD_PASSES: number = 3;

  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(16)
  @IsInt()
  MUTU_PASSWORD_LANES: number = 4;

  /** First administrator of a database without users (production, no demo). */
  @IsOptional()
  @Matches(/^[a-z0-9._-]{3,64}$/, {
    message: 'must be 3–64 lower-case letters, digits, dots, dashes or underscores',
  })
  MUTU_ADMIN_USERNAME: string = 'admin';

  @IsOptional()
  @IsString()
  @MinLength(12)
  MUTU_ADMIN_PASSWORD?: string;

  @IsOptional()
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsOptional()
  @IsIn(['error', 'warn', 'log', 'debug', 'verbose'])
  LOG_LEVEL: 'error' | 'warn' | 'log' | 'debug' | 'verbose' = 'log';

  /** PDFs rendered at once (the rest wait in line); default: the number of CPUs. */
  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(64)
  @IsInt()
  MUTU_PDF_CONCURRENCY: number = availableParallelism();

  /** Time limit of one PDF render, in milliseconds. */
  @IsOptional()
  @Transform(toInteger)
  @Min(1000)
  @Max(600000)
  @IsInt()
  MUTU_PDF_TIMEOUT_MS: number = 30000;

  /** Renders before the PDF browser is replaced by a fresh one (keeps its memory flat). */
  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(100000)
  @IsInt()
  MUTU_PDF_RECYCLE_AFTER: number = 200;

  /** Longest wait of a PDF for its turn, in milliseconds; past it, 503 with Retry-After. */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(600000)
  @IsInt()
  MUTU_PDF_QUEUE_WAIT_MS: number = 30000;

  /** Most PDFs waiting for their turn at once; one more answers 503 with Retry-After at once. */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(10000)
  @IsInt()
  MUTU_PDF_QUEUE_MAX: number = 100;

  /** Days an officer has to act on a major nonconformity (default due date of its corrective action). */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(3650)
  @IsInt()
  MUTU_DEADLINE_MAJOR_DAYS: number = 90;

  /** Days an officer has to act on a minor nonconformity. */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(3650)
  @IsInt()
  MUTU_DEADLINE_MINOR_DAYS: number = 90;

  /** Days a document's periodic review may be late before it blocks readiness for its clauses. */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(365)
  @IsInt()
  MUTU_DOCUMENT_REVIEW_GRACE_DAYS: number = 30;

  /** `json`: one JSON object per log line (default in production); `text`: Nest's readable lines. */
  @IsOptional()
  @IsIn(['json', 'text'])
  LOG_FORMAT?: 'json' | 'text';

  /** /health/ready answers 503 when the data folder has less free space than this, in MB (MiB). */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(1048576)
  @IsInt()
  MUTU_MIN_FREE_MB: number = 500;

  /** Seconds running requests and renders get to finish after SIGTERM/SIGINT. */
  @IsOptional()
  @Transform(toInteger)
  @Min(1)
  @Max(3600)
  @IsInt()
  MUTU_SHUTDOWN_GRACE_S: number = 30;

  /** Serves Prometheus metrics on /metrics (with MUTU_METRICS_TOKEN as bearer token). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MUTU_METRICS: boolean = false;

  /** The bearer token a Prometheus scraper sends; required when MUTU_METRICS=true. */
  @IsOptional()
  @Matches(/^[\x21-\x7e]{24,256}$/, {
    message: 'must be 24–256 visible ASCII characters (e.g. openssl rand -hex 32)',
  })
  MUTU_METRICS_TOKEN?: string;
  /** Which proxies' X-Forwarded-For / -Proto to believe (client address, HTTPS): see trust-proxy.ts. */
  @IsOptional()
  @ValidateBy({
    name: 'isTrustProxy',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseTrustProxy(value) !== null,
      defaultMessage: () =>
        '$property must be false, a hop count, or a comma list of addresses, subnets or loopback/linklocal/uniquelocal',
    },
  })
  TRUST_PROXY: string = 'loopback';
  /** Memory kept for draft PDFs served again while their data is unchanged, in MB (0: none kept). */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(4096)
  @IsInt()
  MUTU_REPORT_CACHE_MB: number = 64;

  /** Requests handled at once; beyond it the answer is a fast 503 with Retry-After (0: no limit). */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(100000)
  @IsInt()
  MUTU_MAX_INFLIGHT: number = 64;

  /** Event-loop lag beyond which new requests get 503 + Retry-After, in ms (0: not watched). */
  @IsOptional()
  @Transform(toInteger)
  @Min(0)
  @Max(60000)
  @IsInt()
  MUTU_MAX_LAG_MS: number = 0;

  /** SMTP server for e-mail notifications (smtp:// or smtps://, user and password in the URL); none: in-app only. */
  @IsOptional()
  @ValidateBy({
    name: 'isSmtpUrl',
    validator: {
      validate: (value: unknown) => typeof value === 'string' && parseSmtpUrl(value),
      defaultMessage: () => '$property must be an smtp:// or smtps:// URL with a host',
    },
  })
  MUTU_SMTP_URL?: string;

  /** Sender of Mutu's e-mails: an address, or `Name <address>`. */
  @IsOptional()
  @Matches(/^(?:[^<>\r\n]{0,100}<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, {
    message: 'must be an e-mail address or Name <address>',
  })
  MUTU_MAIL_FROM: string = 'Mutu <mutu@localhost>';

  /** Address of Mutu as users reach it, for links in e-mails (default http://localhost:PORT). */
  @IsOptional()
  @Matches(/^https?:\/\/[^\s/?#]+(?:\/[^\s?#]*)?$/, { message: 'must be an http(s):// URL' })
  MUTU_PUBLIC_URL?: string;

  /** When the daily digest is sent, WITA, HH:MM. */
  @IsOptional()
  @Matches(/^(?:[01]\d|2[0-3])[:.][0-5]\d$/, { message: 'must be a time of day HH:MM (WITA)' })
  MUTU_DIGEST_TIME: string = '07:00';

  /** Runs the notification scan and e-mail sending in this process (default on, off in tests). */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MUTU_NOTIFY_SCHEDULER?: boolean;

  /** Makes the missing 9.1.2 report PDF of surveys (demo data, busy renderer) in the background. */
  @IsOptional()
  @Transform(toBoolean)
  @IsBoolean({ message: 'must be true or false' })
  MUTU_SURVEY_EVIDENCE_BACKFILL: boolean = true;
}

/** Whether a value is an SMTP URL nodemailer can use: smtp(s)://[user[:pass]@]host[:port]. */
export function parseSmtpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return ['smtp:', 'smtps:'].includes(url.protocol) && url.hostname !== '';
  } catch {
    return false;
  }
}

export type DatabaseEngine = 'sqlite' | 'postgres';

export interface MutuConfig {
  port: number;
  dataDir: string;
  database:
    { engine: 'sqlite'; path: string } | { engine: 'postgres'; url: string; schema?: string };
  demo: { enabled: boolean; password: string };
  chromiumPath?: string;
  /** The PDF renderer: renders at once, time limit of one render, renders per browser. */
  pdf: {
    concurrency: number;
    timeoutMs: number;
    recycleAfter: number;
    /** Bounds of the line of renders waiting for a turn. */
    queueWaitMs: number;
    maxQueued: number;
  };
  /** argon2id cost of passwords set from now on (MUTU_PASSWORD_*). */
  passwordCost: PasswordCost;
  /** MUTU_UPLOAD_LIMIT_MB in bytes. */
  uploadLimitBytes: number;
  firstAdmin: { username: string; password?: string };
  production: boolean;
  logLevel: EnvironmentVariables['LOG_LEVEL'];
  /** Default days to respond to a nonconformity, per grade. */
  deadlines: { major: number; minor: number };
  /** Days an overdue document review may wait before it blocks readiness. */
  documentReviewGraceDays: number;
  logFormat: 'json' | 'text';
  /** MUTU_MIN_FREE_MB in bytes. */
  minFreeBytes: number;
  shutdownGraceMs: number;
  /** The bearer token of /metrics, or null when metrics are off. */
  metrics: { token: string } | null;
  /** TRUST_PROXY, parsed for Express's `trust proxy`. */
  trustProxy: TrustProxy;
  /** MUTU_REPORT_CACHE_MB in bytes. */
  reportCacheBytes: number;
  /** MUTU_MAX_INFLIGHT: concurrent requests before 503 (0: unlimited). */
  maxInflight: number;
  /** MUTU_MAX_LAG_MS: event-loop lag before 503 (0: not watched). */
  maxLagMs: number;
  /** E-mail notifications; smtpUrl null: in-app only. */
  notifications: {
    smtpUrl: string | null;
    mailFrom: string;
    publicUrl: string;
    /** MUTU_DIGEST_TIME as minutes after midnight, WITA. */
    digestAt: number;
    scheduler: boolean;
  };
  /** MUTU_SURVEY_EVIDENCE_BACKFILL: surveys without their report PDF get it after start-up. */
  surveyEvidenceBackfill: boolean;
}

/** argon2id parameters: memory in KiB, passes (time cost), lanes (parallelism). */
export interface PasswordCost {
  memoryKib: number;
  passes: number;
  lanes: number;
}

/** A configuration value was refused; the message names the variable and the reason in one line. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Reads and validates the environment; throws ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): MutuConfig {
  const known = Object.fromEntries(
    Object.keys(new EnvironmentVariables())
      .concat(['DATABASE_URL', 'DATABASE_SCHEMA', 'CHROMIUM_PATH', 'MUTU_ADMIN_PASSWORD'])
      .concat(['LOG_FORMAT', 'MUTU_METRICS_TOKEN'])
      .concat(['MUTU_SMTP_URL', 'MUTU_PUBLIC_URL', 'MUTU_NOTIFY_SCHEDULER'])
      .filter((k) => env[k] !== undefined && env[k] !== '')
      .map((k) => [k, env[k]]),
  );
  const vars = plainToInstance(EnvironmentVariables, known);
  const errors = validateSync(vars, { whitelist: true, stopAtFirstError: true });
  if (errors.length > 0) {
    const parts = errors.map((e) => {
      const reasons = Object.values(e.constraints ?? {}).map((m) =>
        m.replace(`${e.property} `, ''),
      );
      // An SMTP URL carries its password: name the variable, never echo the value.
      const shown = e.property === 'MUTU_SMTP_URL' ? '' : `=${JSON.stringify(String(e.value))}`;
      return `${e.property}${shown}: ${reasons.join(', ')}`;
    });
    throw new ConfigError(`Invalid configuration: ${parts.join('; ')}`);
  }
  if (vars.MUTU_METRICS && !vars.MUTU_METRICS_TOKEN)
    throw new ConfigError(
      'Invalid configuration: MUTU_METRICS=true needs MUTU_METRICS_TOKEN (the bearer token of /metrics)',
    );
  const dataDir = resolve(vars.DATA_DIR);
  return {
    port: vars.PORT,
    dataDir,
    database: vars.DATABASE_URL
      ? { engine: 'postgres', url: vars.DATABASE_URL, schema: vars.DATABASE_SCHEMA }
      : { engine: 'sqlite', path: resolve(dataDir, 'mutu.sqlite') },
    demo: {
      enabled: vars.MUTU_DEMO && vars.NODE_ENV !== 'production',
      password: vars.MUTU_DEMO_PASSWORD,
    },
    chromiumPath: vars.CHROMIUM_PATH,
    pdf: {
      concurrency: vars.MUTU_PDF_CONCURRENCY,
      timeoutMs: vars.MUTU_PDF_TIMEOUT_MS,
      recycleAfter: vars.MUTU_PDF_RECYCLE_AFTER,
      queueWaitMs: vars.MUTU_PDF_QUEUE_WAIT_MS,
      maxQueued: vars.MUTU_PDF_QUEUE_MAX,
    },
    passwordCost: {
      memoryKib: vars.MUTU_PASSWORD_MEMORY_KIB,
      passes: vars.MUTU_PASSWORD_PASSES,
      lanes: vars.MUTU_PASSWORD_LANES,
    },
    uploadLimitBytes: vars.MUTU_UPLOAD_LIMIT_MB * 1024 * 1024,
    firstAdmin: { username: vars.MUTU_ADMIN_USERNAME, password: vars.MUTU_ADMIN_PASSWORD },
    production: vars.NODE_ENV === 'production',
    logLevel: vars.LOG_LEVEL,
    deadlines: { major: vars.MUTU_DEADLINE_MAJOR_DAYS, minor: vars.MUTU_DEADLINE_MINOR_DAYS },
    documentReviewGraceDays: vars.MUTU_DOCUMENT_REVIEW_GRACE_DAYS,
    logFormat: vars.LOG_FORMAT ?? (vars.NODE_ENV === 'production' ? 'json' : 'text'),
    minFreeBytes: vars.MUTU_MIN_FREE_MB * 1024 * 1024,
    shutdownGraceMs: vars.MUTU_SHUTDOWN_GRACE_S * 1000,
    metrics:
      vars.MUTU_METRICS && vars.MUTU_METRICS_TOKEN ? { token: vars.MUTU_METRICS_TOKEN } : null,
    trustProxy: parseTrustProxy(vars.TRUST_PROXY)!,
    reportCacheBytes: vars.MUTU_REPORT_CACHE_MB * 1024 * 1024,
    maxInflight: vars.MUTU_MAX_INFLIGHT,
    maxLagMs: vars.MUTU_MAX_LAG_MS,
    notifications: {
      smtpUrl: vars.MUTU_SMTP_URL ?? null,
      mailFrom: vars.MUTU_MAIL_FROM,
      publicUrl: (vars.MUTU_PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
      digestAt:
        Number(vars.MUTU_DIGEST_TIME.slice(0, 2)) * 60 + Number(vars.MUTU_DIGEST_TIME.slice(3, 5)),
      scheduler: vars.MUTU_NOTIFY_SCHEDULER ?? vars.NODE_ENV !== 'test',
    },
    surveyEvidenceBackfill: vars.MUTU_SURVEY_EVIDENCE_BACKFILL,
  };
}

/** Injection token for the validated configuration. */
export const MUTU_CONFIG = Symbol('MUTU_CONFIG');
