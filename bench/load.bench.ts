/*
 * Load benchmark: the real app (createApp, SQLite, demo data, temporary DATA_DIR) listening on a
 * loopback port, driven by a closed-loop client in a child process (keep-alive connections, no
 * think time), bounded in time:
 *   - read mix at 50 connections: organisation readiness, unit readiness, GET /api/auth/me and the
 *     organisation's unit list, in turn, as the demo administrator;
 *   - write mix at 20 connections: clause ratings (PUT /api/assessments/:id/clauses/:n) as the
 *     assigned assessor, alternating met / partly met;
 *   - guarded: the read mix at 50 and at 200 connections with MUTU_MAX_LAG_MS=250 (and the default
 *     MUTU_MAX_INFLIGHT=64): beyond capacity the app answers 503 + Retry-After at once instead of
 *     late; the table shows how many and how fast.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/load.bench.js [--seconds 20]
 *
 * Targets (50 connections, this 2-core machine): 0 requests over 2 s, 0 errors, read p99 < 500 ms.
 * Loopback only; nothing leaves the machine.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createApp } from '../src/app.js';
import { loadConfig } from '../src/config/configuration.js';

const DEMO_PASSWORD = 'mutu-demo-2026';
/** The lag limit of the guarded runs. */
const LAG_MS = 250;

interface Call {
  method: 'GET' | 'PUT';
  path: string;
  token: string;
  body?: string;
}

interface ClientSpec {
  port: number;
  connections: number;
  seconds: number;
  calls: Call[];
}

interface ClientResult {
  latencies: number[];
  statuses: Record<string, number>;
  busyLatencies: number[];
  retryAfterMissing: number;
  seconds: number;
}

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};

/** The client: `connections` loops, each sending the next call as soon as the last answered. */
async function client(spec: ClientSpec): Promise<ClientResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: spec.connections });
  const result: ClientResult = {
    latencies: [],
    statuses: {},
    busyLatencies: [],
    retryAfterMissing: 0,
    seconds: 0,
  };
  let next = 0;
  const started = performance.now();
  const deadline = started + spec.seconds * 1000;
  const once = (call: Call): Promise<{ status: number; retryAfter: boolean }> =>
    new Promise((resolve) => {
      const req = request(
        {
          host: '127.0.0.1',
          port: spec.port,
          method: call.method,
          path: call.path,
          agent,
          headers: {
            authorization: `Bearer ${call.token}`,
            ...(call.body ? { 'content-type': 'application/json' } : {}),
          },
        },
        (res) => {
          res.resume();
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, retryAfter: !!res.headers['retry-after'] }),
          );
        },
      );
      req.on('error', () => resolve({ status: 0, retryAfter: false }));
      req.end(call.body);
    });
  const loop = async (): Promise<void> => {
    while (performance.now() < deadline) {
      const call = spec.calls[next++ % spec.calls.length];
      const t0 = performance.now();
      const { status, retryAfter } = await once(call);
      const ms = performance.now() - t0;
      result.statuses[status] = (result.statuses[status] ?? 0) + 1;
      if (status === 503) {
        result.busyLatencies.push(ms);
        if (!retryAfter) result.retryAfterMissing++;
      } else result.latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: spec.connections }, loop));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

const quantile = (sorted: number[], q: number): number =>
  sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;

function runClient(spec: ClientSpec): Promise<ClientResult> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--client']);
    child.once('message', (m) => resolve(m as ClientResult));
    child.once('error', reject);
    child.send(spec);
  });
}

async function json<T>(
  port: number,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const res = await fetch(`http://127.0.0.1:${port}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function serve(dataDir: string, env: Record<string, string>) {
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MUTU_DEMO: 'true',
    ...env,
  });
  const app = await createApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as AddressInfo).port;
  return { app, port };
}

async function main(): Promise<void> {
  const seconds = arg('--seconds', 20);
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-load-'));
  const rows: string[] = [];
  const before = loadavg()[0];
  try {
    for (const scenario of ['normal', 'overload'] as const) {
      const guard: Record<string, string> =
        scenario === 'overload' ? { MUTU_MAX_LAG_MS: String(LAG_MS) } : {};
      const { app, port } = await serve(join(dataDir, scenario), guard);
      try {
        const login = async (username: string) =>
          (
            await json<{ accessToken: string }>(port, 'POST', '/api/auth/login', undefined, {
              username,
              password: DEMO_PASSWORD,
            })
          ).accessToken;
        const admin = await login('admin');
        const assessor = await login('assessor');
        const [org] = await json<{ id: string }[]>(port, 'GET', '/api/organisations', admin);
        const units = await json<{ id: string }[]>(
          port,
          'GET',
          `/api/organisations/${org.id}/units`,
          admin,
        );
        const reads: Call[] = units.flatMap((u) => [
          { method: 'GET', path: `/api/organisations/${org.id}/readiness`, token: admin },
          { method: 'GET', path: `/api/units/${u.id}/readiness`, token: admin },
          { method: 'GET', path: '/api/auth/me', token: admin },
          { method: 'GET', path: `/api/organisations/${org.id}/units`, token: admin },
        ]);
        const label = (mix: string, connections: number, r: ClientResult): string => {
          const sorted = [...r.latencies].sort((a, b) => a - b);
          const busy = [...r.busyLatencies].sort((a, b) => a - b);
          const total = r.latencies.length + r.busyLatencies.length;
          const ok = Object.entries(r.statuses)
            .filter(([s]) => Number(s) >= 200 && Number(s) < 400)
            .reduce((n, [, c]) => n + c, 0);
          const errors = total - ok - r.busyLatencies.length;
          return `| ${mix} | ${connections} | ${r.seconds.toFixed(1)} | ${total} | ${(total / r.seconds).toFixed(0)} | ${quantile(sorted, 0.5).toFixed(0)} | ${quantile(sorted, 0.99).toFixed(0)} | ${(sorted.at(-1) ?? NaN).toFixed(0)} | ${sorted.filter((x) => x > 2000).length} | ${errors} | ${r.busyLatencies.length}${busy.length ? ` (p99 ${quantile(busy, 0.99).toFixed(0)} ms${r.retryAfterMissing ? `, ${r.retryAfterMissing} without Retry-After` : ''})` : ''} |`;
        };
        if (scenario === 'normal') {
          rows.push(
            label('read', 50, await runClient({ port, connections: 50, seconds, calls: reads })),
          );
          const cycles = (
            await Promise.all(
              units.map((u) =>
                json<{ id: string; state: string; assessors: { username: string }[] }[]>(
                  port,
                  'GET',
                  `/api/units/${u.id}/assessments`,
                  admin,
                ),
              ),
            )
          )
            .flat()
            .filter(
              (a) => a.state !== 'reported' && a.assessors.some((x) => x.username === 'assessor'),
            );
          const detail = await json<{ clauses: { number: string; rating: string | null }[] }>(
            port,
            'GET',
            `/api/assessments/${cycles[0].id}`,
            assessor,
          );
          const leaves = detail.clauses.filter((c) => c.rating !== null).slice(0, 40);
          const writes: Call[] = leaves.flatMap((c) =>
            ['met', 'partly_met'].map((rating) => ({
              method: 'PUT' as const,
              path: `/api/assessments/${cycles[0].id}/clauses/${c.number}`,
              token: assessor,
              body: JSON.stringify({ applicable: true, rating }),
            })),
          );
          rows.push(
            label(
              'write (ratings)',
              20,
              await runClient({ port, connections: 20, seconds, calls: writes }),
            ),
          );
        } else {
          rows.push(
            label(
              `read, MUTU_MAX_LAG_MS=${LAG_MS}`,
              50,
              await runClient({ port, connections: 50, seconds, calls: reads }),
            ),
          );
          rows.push(
            label(
              `read, MUTU_MAX_LAG_MS=${LAG_MS}`,
              200,
              await runClient({ port, connections: 200, seconds, calls: reads }),
            ),
          );
        }
      } finally {
        await app.close();
      }
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  console.log(
    `load: ${seconds} s per mix, node ${process.version}, ${cpus().length} CPU(s), load average ${before.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after`,
  );
  console.log(
    '| mix | connections | s | requests | req/s | p50 ms | p99 ms | max ms | over 2 s | errors | 503 (fast refusals) |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of rows) console.log(r);
  console.log('targets at 50 connections: 0 over 2 s, 0 errors, read p99 < 500 ms');
}

if (process.argv[2] === '--client') {
  process.once('message', (spec) => {
    void client(spec as ClientSpec).then((r) => {
      process.send!(r, () => process.exit(0));
    });
  });
} else {
  await main();
}
