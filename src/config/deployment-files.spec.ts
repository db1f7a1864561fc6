import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from './project-root.js';
import { loadConfig } from './configuration.js';

// Docker cannot run on the CI machine: these check what can be checked without it — that the
// documented production shape (Dockerfile, docker-compose.yml, deploy/Caddyfile) parses, starts Mutu
// the way `npm start` and the tests do, and sets only variables the README documents.

const read = (file: string): string => readFileSync(join(projectRoot(), file), 'utf8');

interface Service {
  build?: string;
  image?: string;
  environment?: Record<string, string>;
  volumes?: string[];
  depends_on?: Record<string, { condition: string }> | string[];
  healthcheck?: { test: string[] };
  ports?: string[];
}
interface Compose {
  services: Record<string, Service>;
  volumes: Record<string, unknown>;
}

/** Variables of the README's configuration table. */
const documented = (): Set<string> =>
  new Set([...read('README.md').matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]));

/**
 * Set by the compose file for work landing in parallel (#12): TRUST_PROXY (auth hardening) and
 * LOG_FORMAT (observability). Once the README documents one, the last test asks to remove it here.
 */
const PENDING: string[] = [];

/** Dockerfile instructions of the last stage, continuation lines joined. */
function dockerfile(): { stages: number; final: string[] } {
  const lines = read('Dockerfile')
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const froms = lines.flatMap((l, i) => (/^FROM /.test(l) ? [i] : []));
  return { stages: froms.length, final: lines.slice(froms.at(-1)) };
}

const instruction = (final: string[], name: string): string[] =>
  final.filter((l) => l.startsWith(`${name} `)).map((l) => l.slice(name.length + 1).trim());

/** ENV KEY=value pairs (several per instruction). */
const envOf = (final: string[]): Record<string, string> =>
  Object.fromEntries(
    instruction(final, 'ENV').flatMap((e) =>
      [...e.matchAll(/([A-Z_][A-Z0-9_]*)=(\S+)/g)].map((m) => [m[1], m[2]]),
    ),
  );

/** The compose file's ${VAR:?…} and ${VAR:-default} replaced, as `docker compose` does. */
const interpolate = (value: string, vars: Record<string, string>): string =>
  value.replace(/\$\{([A-Z_]+)(?::[?-][^}]*)?\}/g, (_, name: string) => vars[name] ?? '');

describe('deployment files', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as Compose;
  const apps = Object.entries(compose.services).filter(([, s]) => s.build === '.');

  it('runs two instances of the image behind the proxy, on one PostgreSQL and one evidence volume', () => {
    expect(apps.map(([name]) => name)).toEqual(['app-1', 'app-2']);
    const [first, second] = apps.map(([, s]) => s);
    expect(second.environment).toEqual(first.environment);
    expect(first.environment).toMatchObject({ NODE_ENV: 'production', DATA_DIR: '/data' });
    for (const [, app] of apps) {
      expect(app.volumes).toEqual(['evidence:/data']);
      expect(app.environment?.DATABASE_URL).toMatch(/^postgres:\/\/mutu:.*@db:5432\/mutu$/);
    }
    expect(compose.volumes).toHaveProperty('evidence');
    expect(compose.services.db.image).toMatch(/^postgres:1[3-9]/);
    // The second instance waits for the first (which migrates): never two migrations at once.
    expect(compose.services['app-2'].depends_on).toEqual({
      'app-1': { condition: 'service_healthy' },
    });
    expect(compose.services.proxy.depends_on).toEqual(['app-1', 'app-2']);
    expect(compose.services.proxy.ports).toEqual(['80:80', '443:443']);
  });

  it('points the proxy at both instances on the port they listen on, and keeps /metrics inside', () => {
    const caddy = read('deploy/Caddyfile');
    const port = apps[0][1].environment?.PORT;
    expect(port).toBe(envOf(dockerfile().final).PORT);
    expect(caddy).toContain(`reverse_proxy app-1:${port} app-2:${port}`);
    expect(caddy).toMatch(/health_uri \/health\/ready/);
    expect(caddy).toMatch(/respond \/metrics 404/);
    expect(compose.services.proxy.volumes).toContain('./deploy/Caddyfile:/etc/caddy/Caddyfile:ro');
  });

  it('is an environment loadConfig accepts, on PostgreSQL, in production', () => {
    const env = Object.fromEntries(
      Object.entries({ ...envOf(dockerfile().final), ...apps[0][1].environment }).map(([k, v]) => [
        k,
        interpolate(v, { POSTGRES_PASSWORD: 'secret', MUTU_ADMIN_PASSWORD: 'a-long-password' }),
      ]),
    );
    const config = loadConfig(env);
    expect(config.database).toMatchObject({ engine: 'postgres' });
    expect(config.dataDir).toBe('/data');
    expect(config.port).toBe(3000);
    expect(config.demo.enabled).toBe(false);
  });

  it('sets only variables the README documents', () => {
    const known = documented();
    expect(known.size).toBeGreaterThan(15);
    const used = [
      ...Object.keys(envOf(dockerfile().final)),
      ...Object.keys(apps[0][1].environment ?? {}),
    ];
    expect(used.filter((v) => !known.has(v) && !PENDING.includes(v))).toEqual([]);
    // Remove a variable from PENDING once the README documents it.
    expect(PENDING.filter((v) => known.has(v))).toEqual([]);
  });

  it('builds in stages and runs as a non-root user with Chromium, fonts and pg_dump', () => {
    const { stages, final } = dockerfile();
    expect(stages).toBeGreaterThanOrEqual(2);
    expect(instruction(final, 'USER')).toEqual(['node']);
    const installed = instruction(final, 'RUN').join(' ');
    for (const pkg of ['chromium', 'fonts-noto-core', 'postgresql-client', 'tini'])
      expect(installed).toContain(pkg);
    expect(installed).not.toMatch(/\bg\+\+|build-essential/);
    expect(envOf(final)).toMatchObject({
      NODE_ENV: 'production',
      DATA_DIR: '/data',
      CHROMIUM_PATH: '/usr/bin/chromium',
    });
    expect(instruction(final, 'HEALTHCHECK')[0]).toContain('/health/ready');
  });

  it('starts the server the way npm start and the tests do, on a supported Node', () => {
    const pkg = JSON.parse(read('package.json')) as {
      scripts: Record<string, string>;
      engines: { node: string };
    };
    const cmd = JSON.parse(instruction(dockerfile().final, 'CMD')[0]) as string[];
    expect(cmd.join(' ')).toBe(pkg.scripts.start);
    // The startup test spawns the same file with node.
    expect(read('test/startup.e2e-spec.ts')).toContain(`'../${cmd[1]}'`);
    const node = /^ARG NODE_VERSION=(\d+)$/m.exec(read('Dockerfile'))?.[1];
    const minimum = /^>=(\d+)\.(\d+)$/.exec(pkg.engines.node);
    expect(Number(node)).toBeGreaterThanOrEqual(Math.max(22, Number(minimum?.[1])));
    expect(Number(node) % 2).toBe(0); // an LTS line
    expect(read('.ci/run')).toMatch(
      /node-\$\(node -p process\.platform\)-\$\(node -p process\.arch\)/,
    );
    expect(read('.ci/run')).toContain(`@${node}`);
    expect(read('.ci/run')).toMatch(/^npm ci /m);
    expect(read('.ci/run')).toMatch(/^npm test$/m);
  });
});
