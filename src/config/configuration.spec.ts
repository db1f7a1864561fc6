import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './configuration.js';

describe('loadConfig', () => {
  it('defaults to SQLite in ./data, port 3000, demo on', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      port: 3000,
      dataDir: resolve('data'),
      database: { engine: 'sqlite', path: resolve('data', 'mutu.sqlite') },
      demo: { enabled: true, password: 'mutu-demo-2026' },
      production: false,
    });
  });

  it('switches to PostgreSQL when DATABASE_URL is set', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@db:5432/mutu' }).database).toEqual({
      engine: 'postgres',
      url: 'postgres://u@db:5432/mutu',
      schema: undefined,
    });
  });

  it('reads booleans and numbers from text', () => {
    expect(loadConfig({ MUTU_DEMO: 'off', PORT: '8080' })).toMatchObject({
      port: 8080,
      demo: { enabled: false },
    });
  });

  it('never loads demo data in production', () => {
    expect(loadConfig({ NODE_ENV: 'production', MUTU_DEMO: 'true' }).demo.enabled).toBe(false);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT="abc": must be an integer number'],
    [{ PORT: '70000' }, 'PORT="70000": must not be greater than 65535'],
    [{ DATABASE_URL: 'mysql://x/y' }, 'DATABASE_URL="mysql://x/y": must be a postgres:// URL'],
    [{ MUTU_DEMO: 'maybe' }, 'MUTU_DEMO="maybe": must be true or false'],
    [
      { MUTU_DEMO_PASSWORD: 'short' },
      'MUTU_DEMO_PASSWORD="short": must be longer than or equal to 8 characters',
    ],
    [
      { DATABASE_SCHEMA: 'Robert; DROP' },
      'DATABASE_SCHEMA="Robert; DROP": must be a lower-case SQL identifier',
    ],
  ])('refuses %j naming the variable', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('keeps 64 MB of draft PDFs and admits 64 requests at once unless told otherwise', () => {
    expect(loadConfig({})).toMatchObject({ reportCacheBytes: 64 * 1024 * 1024, maxInflight: 64 });
    expect(loadConfig({ MUTU_REPORT_CACHE_MB: '0', MUTU_MAX_INFLIGHT: '0' })).toMatchObject({
      reportCacheBytes: 0,
      maxInflight: 0,
    });
    expect(() => loadConfig({ MUTU_MAX_INFLIGHT: '-1' })).toThrow(/MUTU_MAX_INFLIGHT="-1"/);
    expect(() => loadConfig({ MUTU_REPORT_CACHE_MB: 'lots' })).toThrow(/MUTU_REPORT_CACHE_MB/);
  });

  it('hashes passwords with argon2id at 64 MiB, 3 passes and 4 lanes unless told otherwise', () => {
    expect(loadConfig({}).passwordCost).toEqual({ memoryKib: 65536, passes: 3, lanes: 4 });
    expect(
      loadConfig({
        MUTU_PASSWORD_MEMORY_KIB: '19456',
        MUTU_PASSWORD_PASSES: '2',
        MUTU_PASSWORD_LANES: '1',
      }).passwordCost,
    ).toEqual({ memoryKib: 19456, passes: 2, lanes: 1 });
    expect(() => loadConfig({ MUTU_PASSWORD_MEMORY_KIB: '512' })).toThrow(
      /MUTU_PASSWORD_MEMORY_KIB="512"/,
    );
    expect(() => loadConfig({ MUTU_PASSWORD_PASSES: '0' })).toThrow(/MUTU_PASSWORD_PASSES="0"/);
    expect(() => loadConfig({ MUTU_PASSWORD_LANES: 'many' })).toThrow(/MUTU_PASSWORD_LANES/);
  });

  it('names every bad variable at once', () => {
    expect(() => loadConfig({ PORT: 'x', MUTU_DEMO: 'y' })).toThrow(/PORT="x".*; MUTU_DEMO="y"/);
  });
});

describe('loadConfig: operations settings', () => {
  it('logs JSON in production and text elsewhere unless LOG_FORMAT says otherwise', () => {
    expect(loadConfig({}).logFormat).toBe('text');
    expect(loadConfig({ NODE_ENV: 'production' }).logFormat).toBe('json');
    expect(loadConfig({ NODE_ENV: 'production', LOG_FORMAT: 'text' }).logFormat).toBe('text');
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT="xml"/);
  });

  it('reads the shutdown grace and free-space floor, with their defaults', () => {
    expect(loadConfig({})).toMatchObject({
      shutdownGraceMs: 30_000,
      minFreeBytes: 500 * 1024 ** 2,
    });
    expect(loadConfig({ MUTU_SHUTDOWN_GRACE_S: '5', MUTU_MIN_FREE_MB: '0' })).toMatchObject({
      shutdownGraceMs: 5000,
      minFreeBytes: 0,
    });
    expect(() => loadConfig({ MUTU_SHUTDOWN_GRACE_S: '0' })).toThrow(/MUTU_SHUTDOWN_GRACE_S="0"/);
  });

  it('serves metrics only when asked, and then only with a long enough token', () => {
    const token = 'a'.repeat(32);
    expect(loadConfig({ MUTU_METRICS_TOKEN: token }).metrics).toBeNull();
    expect(loadConfig({ MUTU_METRICS: 'true', MUTU_METRICS_TOKEN: token }).metrics).toEqual({
      token,
    });
    expect(() => loadConfig({ MUTU_METRICS: 'true' })).toThrow(/needs MUTU_METRICS_TOKEN/);
    expect(() => loadConfig({ MUTU_METRICS: 'true', MUTU_METRICS_TOKEN: 'short' })).toThrow(
      /MUTU_METRICS_TOKEN="short": must be 24–256/,
    );
  });

  it('reads the e-mail settings: none by default, the digest at 07:00 WITA, links to the public URL', () => {
    expect(loadConfig({}).notifications).toEqual({
      smtpUrl: null,
      mailFrom: 'Mutu <mutu@localhost>',
      publicUrl: 'http://localhost:3000',
      digestAt: 7 * 60,
      scheduler: true,
    });
    expect(
      loadConfig({
        MUTU_SMTP_URL: 'smtp://user:pass@mail.kupangkota.go.id:587',
        MUTU_MAIL_FROM: 'Mutu Kota Kupang <mutu@kupangkota.go.id>',
        MUTU_PUBLIC_URL: 'https://mutu.kupangkota.go.id/',
        MUTU_DIGEST_TIME: '06.30',
        NODE_ENV: 'test',
      }).notifications,
    ).toEqual({
      smtpUrl: 'smtp://user:pass@mail.kupangkota.go.id:587',
      mailFrom: 'Mutu Kota Kupang <mutu@kupangkota.go.id>',
      publicUrl: 'https://mutu.kupangkota.go.id',
      digestAt: 6 * 60 + 30,
      scheduler: false,
    });
  });

  it('makes missing survey evidence PDFs in the background unless switched off', () => {
    expect(loadConfig({}).surveyEvidenceBackfill).toBe(true);
    expect(loadConfig({ MUTU_SURVEY_EVIDENCE_BACKFILL: 'false' }).surveyEvidenceBackfill).toBe(
      false,
    );
    expect(loadConfig({ MUTU_SURVEY_EVIDENCE_BACKFILL: 'on' }).surveyEvidenceBackfill).toBe(true);
    expect(() => loadConfig({ MUTU_SURVEY_EVIDENCE_BACKFILL: 'later' })).toThrow(
      /MUTU_SURVEY_EVIDENCE_BACKFILL="later": must be true or false/,
    );
  });

  it.each([
    ['MUTU_SMTP_URL', 'mail.kupangkota.go.id:587'],
    ['MUTU_SMTP_URL', 'http://mail.example'],
    ['MUTU_SMTP_URL', 'smtp://'],
    ['MUTU_MAIL_FROM', 'not an address'],
    ['MUTU_PUBLIC_URL', 'mutu.kupangkota.go.id'],
    ['MUTU_DIGEST_TIME', '25:00'],
  ])('refuses %s=%s in one line naming it', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    try {
      loadConfig({ [name]: value });
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(name);
      expect(message).not.toContain('\n');
    }
  });

  it('never echoes an SMTP URL (it carries the password)', () => {
    expect(() => loadConfig({ MUTU_SMTP_URL: 'ftp://user:secret@host' })).toThrow(
      /^Invalid configuration: MUTU_SMTP_URL: must be an smtp/,
    );
    expect(() => loadConfig({ MUTU_SMTP_URL: 'ftp://user:secret@host' })).not.toThrow(/secret/);
  });
});
