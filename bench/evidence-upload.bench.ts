/**
 * Evidence upload benchmark (not a test): a 200 MB file uploaded to the real application listening
 * on a loopback port, against `sha256sum` of the same file in the same run.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/evidence-upload.bench.js [--size-mb 200] [--rounds 3]
 *
 * The app runs in this process (createApp on a temporary DATA_DIR, SQLite, MUTU_UPLOAD_LIMIT_MB=512);
 * the client runs in a child process, so that the resident set size sampled here every 20 ms is the
 * server's alone. Each round changes a few bytes of the file, so that no round is stored by
 * deduplication. Targets: throughput ≥ 0.5 × sha256sum; peak RSS growth < 64 MB.
 */
import 'reflect-metadata';
import { execFileSync, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createReadStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MB = 1024 * 1024;
const BOUNDARY = 'mutu-bench-boundary';
const TARGET_RATIO = 0.5;
const TARGET_RSS_MB = 64;

interface ClientResult {
  status: number;
  ms: number;
  body: string;
}

/** Child process: streams the file as multipart/form-data and reports status and time. */
async function client(url: string, token: string, file: string): Promise<void> {
  const head = Buffer.from(
    [
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="title"\r\n\r\nBenchmark upload\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="clauses"\r\n\r\n7.5.3.1\r\n`,
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="bench.pdf"\r\n`,
      'Content-Type: application/pdf\r\n\r\n',
    ].join(''),
  );
  const tail = Buffer.from(`\r\n--${BOUNDARY}--\r\n`);
  const length = head.length + statSync(file).size + tail.length;
  const started = process.hrtime.bigint();
  const result = await new Promise<ClientResult>((resolve, reject) => {
    const req = request(url, {
      method: 'POST',
      agent: false,
      headers: {
        Authorization: `Bearer ${token}`,
        'Content-Type': `multipart/form-data; boundary=${BOUNDARY}`,
        'Content-Length': String(length),
      },
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          ms: Number(process.hrtime.bigint() - started) / 1e6,
          body,
        }),
      );
    });
    req.on('error', reject);
    req.write(head);
    const stream = createReadStream(file, { highWaterMark: MB });
    stream.on('error', reject);
    stream.on('end', () => req.end(tail));
    stream.pipe(req, { end: false });
  });
  process.send!(result);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function sha256sum(file: string): { sha256: string; seconds: number } {
  const started = process.hrtime.bigint();
  const out = execFileSync('sha256sum', [file], { encoding: 'utf8' });
  return {
    sha256: out.split(/\s+/)[0],
    seconds: Number(process.hrtime.bigint() - started) / 1e9,
  };
}

async function writeFile(path: string, sizeBytes: number): Promise<void> {
  const handle = await open(path, 'w');
  try {
    await handle.write(Buffer.from('%PDF-1.7\n'));
    const chunk = randomBytes(4 * MB);
    for (let written = 9; written < sizeBytes; written += chunk.length)
      await handle.write(chunk, 0, Math.min(chunk.length, sizeBytes - written));
  } finally {
    await handle.close();
  }
}

/** A different file each round (same size), so that deduplication never short-cuts a round. */
async function perturb(path: string): Promise<void> {
  const handle = await open(path, 'r+');
  try {
    await handle.write(randomBytes(32), 0, 32, 9);
  } finally {
    await handle.close();
  }
}

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

async function main(): Promise<void> {
  const sizeMb = option('--size-mb', 200);
  const rounds = option('--rounds', 3);
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-bench-upload-'));
  const file = join(dataDir, 'bench-input.pdf');
  const { loadConfig } = await import('../src/config/configuration.js');
  const { createApp } = await import('../src/app.js');
  const { EvidenceStore } = await import('../src/evidence/evidence-store.js');

  console.log(
    `evidence-upload: ${sizeMb} MB, ${rounds} round(s), node ${process.version}, ${cpus().length} CPU(s), data in ${tmpdir()}`,
  );
  await writeFile(file, sizeMb * MB);
  const config = loadConfig({
    DATA_DIR: join(dataDir, 'data'),
    MUTU_UPLOAD_LIMIT_MB: '512',
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
  });
  const app = await createApp(config, { logger: false });
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const base = `http://127.0.0.1:${port}`;
    const signIn = await fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'officer.dukcapil', password: config.demo.password }),
    });
    const { accessToken, user } = (await signIn.json()) as {
      accessToken: string;
      user: { unitIds: string[] };
    };
    const url = `${base}/api/units/${user.unitIds[0]}/evidence`;
    const store = new EvidenceStore(config.dataDir);

    const rows: { ratio: number; rss: number; upload: number; sha: number }[] = [];
    for (let round = 1; round <= rounds; round++) {
      await perturb(file);
      sha256sum(file); // warm the page cache, as the upload's client read will be warm too
      const baseline = sha256sum(file);

      const before = process.memoryUsage().rss;
      let peak = before;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss);
      }, 20);
      const child = fork(fileURLToPath(import.meta.url), ['--client', url, accessToken, file]);
      const result = await new Promise<ClientResult>((resolve, reject) => {
        child.once('message', (m) => resolve(m as ClientResult));
        child.once('error', reject);
        child.once('exit', (code) => {
          if (code !== 0) reject(new Error(`client exited with ${code}`));
        });
      });
      clearInterval(sampler);
      peak = Math.max(peak, process.memoryUsage().rss);
      if (result.status !== 201)
        throw new Error(`upload failed: ${result.status} ${result.body.slice(0, 300)}`);
      const stored = (JSON.parse(result.body) as { versions: { sha256: string }[] }).versions[0];
      if (stored.sha256 !== baseline.sha256 || !(await store.has(stored.sha256)))
        throw new Error(
          `stored SHA-256 ${stored.sha256} differs from sha256sum ${baseline.sha256}`,
        );
      const upload = result.ms / 1000;
      rows.push({
        ratio: baseline.seconds / upload,
        rss: (peak - before) / MB,
        upload,
        sha: baseline.seconds,
      });
    }

    const fmt = (n: number, digits = 2): string => n.toFixed(digits);
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    const table = [
      line([
        'round',
        'throughput ÷ sha256sum (≥ 0.5)',
        'peak RSS growth ÷ 64 MB (< 1)',
        'upload MB/s',
        'sha256sum MB/s',
        'upload s',
        'sha256sum s',
        'peak RSS growth MB',
      ]),
      line(['---', '---:', '---:', '---:', '---:', '---:', '---:', '---:']),
      ...rows.map((r, i) =>
        line([
          String(i + 1),
          fmt(r.ratio),
          fmt(r.rss / TARGET_RSS_MB),
          fmt(sizeMb / r.upload, 0),
          fmt(sizeMb / r.sha, 0),
          fmt(r.upload),
          fmt(r.sha),
          fmt(r.rss, 1),
        ]),
      ),
      line([
        'median',
        fmt(median(rows.map((r) => r.ratio))),
        fmt(median(rows.map((r) => r.rss)) / TARGET_RSS_MB),
        fmt(sizeMb / median(rows.map((r) => r.upload)), 0),
        fmt(sizeMb / median(rows.map((r) => r.sha)), 0),
        fmt(median(rows.map((r) => r.upload))),
        fmt(median(rows.map((r) => r.sha))),
        fmt(median(rows.map((r) => r.rss)), 1),
      ]),
    ];
    console.log(table.join('\n'));
    const ratio = median(rows.map((r) => r.ratio));
    const rss = Math.max(...rows.map((r) => r.rss));
    console.log(
      `targets: throughput ratio ${fmt(ratio)} ${ratio >= TARGET_RATIO ? '≥' : '<'} ${TARGET_RATIO} (median); ` +
        `peak RSS growth ${fmt(rss, 1)} MB ${rss < TARGET_RSS_MB ? '<' : '≥'} ${TARGET_RSS_MB} MB (worst round)`,
    );
    process.exitCode = ratio >= TARGET_RATIO && rss < TARGET_RSS_MB ? 0 : 1;
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--client') {
  await client(process.argv[3], process.argv[4], process.argv[5]);
} else {
  await main();
}
