/*
 * Report benchmark: the unit gap report of a full assessment (every leaf clause rated, 200
 * evidence items with file versions, 30 findings with corrective actions), from data bulk-inserted
 * into a temporary SQLite database next to the Kupang demo data. Run compiled:
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/report.bench.js [--n 8] [--batch 45] [--rss 100]
 *
 * Every figure is a ratio against a baseline measured in the same run:
 *   1. end to end (ReportsService: read the data through the services, build the context, render
 *      the HTML, Chromium, PDF metadata) against bare Chromium (puppeteer, one warm browser, a new
 *      page per PDF) printing the very same final HTML with the same options — target ≤ 1.1×
 *      (issue #14); the two, data + HTML alone and the warm renderer on the finished document are
 *      measured in turns, with wall and CPU time (this process and each browser's processes);
 *   2. a warm PdfRenderer against launching a browser per report (launch, render, close), for
 *      this document and for the shorter demo Dukcapil report — target ≥ 3×;
 *   3. a batch of `--batch` unit reports (end to end) with concurrency 2 against 1;
 *   4. the browser's memory (PSS of all its processes) after `--rss` renders against after 10.
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import type { DataSource, EntityManager } from 'typeorm';
import { createApp } from '../src/app.js';
import { ClauseAssessment } from '../src/assessments/clause-assessment.entity.js';
import { Assessment } from '../src/assessments/assessment.entity.js';
import type { Principal } from '../src/auth/principal.js';
import { ScopeService } from '../src/auth/scope.js';
import { User } from '../src/auth/user.entity.js';
import { addDays, todayInZone } from '../src/common/dates.js';
import { loadConfig } from '../src/config/configuration.js';
import { EvidenceVersion } from '../src/evidence/evidence-version.entity.js';
import { Evidence } from '../src/evidence/evidence.entity.js';
import { CorrectiveAction } from '../src/findings/corrective-action.entity.js';
import { Finding } from '../src/findings/finding.entity.js';
import { Organisation } from '../src/organisations/organisation.entity.js';
import { OrganisationsService } from '../src/organisations/organisations.service.js';
import { Unit } from '../src/organisations/unit.entity.js';
import { Clause } from '../src/standards/clause.entity.js';
import { DocumentRegisterBuilder } from '../src/reports/document-register.js';
import { EvidenceRegisterBuilder } from '../src/reports/evidence-register.js';
import { GapReportBuilder, gapReportDocument } from '../src/reports/gap-report.js';
import { BROWSER_CANDIDATES, PdfRenderer } from '../src/rendering/pdf-renderer.js';
import { renderDocument, type ReportDocument } from '../src/reports/report-document.js';
import { ReportBatch } from '../src/reports/report-batch.js';
import { reportTemplates } from '../src/reports/report-templates.js';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { SummaryReportBuilder } from '../src/reports/summary-report.js';
import { ownCpuMs, processTree, treeCpuMs } from './support/process-tree.js';

function option(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`--${name} needs a positive whole number`);
  return value;
}

const N = option('n', 8);
const BATCH = option('batch', 45);
const RSS_RENDERS = option('rss', 100);
const EVIDENCE = 200;
const FINDINGS = 30;
const executablePath = process.env.CHROMIUM_PATH || BROWSER_CANDIDATES[0];

/** A small deterministic generator, so every run measures the same data set. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SENTENCES = [
  'Prosedur tersedia dan disahkan kepala dinas; rekaman penerapan lengkap untuk triwulan terakhir.',
  'Dokumen ada tetapi belum dikendalikan: tidak ada nomor revisi dan tanggal berlaku.',
  'Belum ada bukti penerapan di loket pelayanan KTP-el dan Kartu Keluarga.',
  'Notulen rapat tinjauan tersedia, tindak lanjut belum dipantau secara berkala oleh pimpinan.',
  'Sasaran mutu tercantum dalam Renja, tetapi capaian belum diukur setiap bulan.',
];

/** BENCH01…BENCH45 in Kota Kupang, each with a full assessment, 200 evidence items and 30 findings. */
export async function generate(
  db: DataSource,
  units: number,
): Promise<{ unitIds: string[]; assessmentIds: string[] }> {
  const rnd = random(20261123);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const sentence = (n: number) => Array.from({ length: n }, () => pick(SENTENCES)).join(' ');
  const org = await db.getRepository(Organisation).findOneByOrFail({ code: 'kota-kupang' });
  const assessor = await db.getRepository(User).findOneByOrFail({ username: 'assessor' });
  const officer = await db.getRepository(User).findOneByOrFail({ username: 'officer.dukcapil' });
  const leaves = await db.getRepository(Clause).find({ where: { isLeaf: true } });
  const today = todayInZone(new Date());
  const now = new Date();
  const unitIds: string[] = [];
  const assessmentIds: string[] = [];
  await db.transaction(async (m: EntityManager) => {
    const insert = async <T extends object>(entity: new () => T, rows: Partial<T>[]) => {
      for (let i = 0; i < rows.length; i += 200)
        await m.getRepository(entity).insert(rows.slice(i, i + 200) as never);
    };
    for (let u = 1; u <= units; u++) {
      const unitId = randomUUID();
      const assessmentId = randomUUID();
      unitIds.push(unitId);
      assessmentIds.push(assessmentId);
      await insert(Unit, [
        {
          id: unitId,
          organisationId: org.id,
          code: `BENCH${String(u).padStart(2, '0')}`,
          name: `Dinas Uji Kinerja ${u} Kota Kupang`,
          shortName: `Uji ${u}`,
        },
      ]);
      await insert(Assessment, [
        {
          id: assessmentId,
          unitId,
          standardId: leaves[0].standardId,
          type: 'gap_assessment',
          title: `Gap assessment ISO 9001:2015 — Uji ${u}`,
          scope: sentence(3),
          startsOn: addDays(today, -20),
          endsOn: addDays(today, -16),
          state: 'in_progress',
        },
      ]);
      await m.query('INSERT INTO assessment_assessor (assessment_id, user_id) VALUES (?, ?)', [
        assessmentId,
        assessor.id,
      ]);
      await insert(
        ClauseAssessment,
        leaves.map((c) => ({
          assessmentId,
          clauseId: c.id,
          applicable: true,
          rating: pick(['met', 'met', 'partly_met', 'not_met'] as const),
          note: rnd() < 0.6 ? sentence(1 + Math.floor(rnd() * 2)) : null,
          updatedById: assessor.id,
        })),
      );
      const evidence = Array.from({ length: EVIDENCE }, (_, e) => ({
        id: randomUUID(),
        unitId,
        title: `Bukti ${e + 1}: ${pick(['SOP', 'Notulen', 'Laporan', 'SK Kepala Dinas', 'Daftar hadir'])} ${pick(['pelayanan KTP-el', 'akta kelahiran', 'pengendalian dokumen', 'audit internal'])} ${2025 + (e % 2)}`,
        reference: rnd() < 0.3 ? `Lemari arsip ${e % 9}, ruang Tata Usaha` : null,
        validUntil: rnd() < 0.4 ? addDays(today, Math.floor(rnd() * 720) - 120) : null,
        status: pick(['accepted', 'accepted', 'accepted', 'submitted', 'rejected'] as const),
        reviewedById: assessor.id,
        reviewedAt: now,
        reviewReason: null,
        createdById: officer.id,
      }));
      await insert(Evidence, evidence);
      const links: unknown[] = [];
      for (const e of evidence) {
        for (const c of new Set([pick(leaves), pick(leaves)])) links.push(e.id, c.id);
      }
      for (let i = 0; i < links.length; i += 400) {
        const chunk = links.slice(i, i + 400);
        await m.query(
          `INSERT INTO evidence_clause (evidence_id, clause_id) VALUES ${Array.from({ length: chunk.length / 2 }, () => '(?, ?)').join(', ')}`,
          chunk,
        );
      }
      await insert(
        EvidenceVersion,
        evidence.map((e, i) => ({
          evidenceId: e.id,
          number: 1,
          sha256: createHash('sha256').update(`${e.id}`).digest('hex'),
          size: 20_000 + i * 731,
          mediaType: 'application/pdf',
          originalName: `bukti-${i + 1}.pdf`,
          uploadedById: officer.id,
          uploadedAt: now,
        })),
      );
      const findings = Array.from({ length: FINDINGS }, (_, f) => ({
        id: randomUUID(),
        assessmentId,
        number: f + 1,
        clauseId: pick(leaves).id,
        grade: pick(['major', 'minor', 'minor', 'observation', 'improvement'] as const),
        statement: sentence(2),
        objectiveEvidence: sentence(1),
        state: pick(['open', 'planned', 'implemented'] as const),
        createdById: assessor.id,
      }));
      await insert(Finding, findings);
      await insert(
        CorrectiveAction,
        findings
          .filter((f) => f.grade === 'major' || f.grade === 'minor')
          .map((f) => ({
            findingId: f.id,
            correction: sentence(1),
            rootCause: sentence(1),
            action: sentence(2),
            owner: 'Kepala Bidang Pelayanan Pendaftaran Penduduk',
            dueOn: addDays(today, Math.floor(rnd() * 120) - 20),
          })),
      );
    }
  });
  return { unitIds, assessmentIds };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};
const p90 = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.ceil(xs.length * 0.9) - 1];
const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ratio = (a: number, b: number): string => `${(a / b).toFixed(2)}x`;

/** Memory of a browser and its child processes (Linux /proc), PSS so shared libraries count once. Bytes. */
function browserMemory(rootPid: number | undefined): number | undefined {
  if (rootPid === undefined || process.platform !== 'linux') return undefined;
  let total = 0;
  for (const pid of processTree(rootPid)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
      total += Number(/^Pss:\s+(\d+) kB/m.exec(rollup)?.[1] ?? 0) * 1024;
    } catch {
      // gone, or not ours to read
    }
  }
  return total;
}

async function timeEach(n: number, work: () => Promise<unknown>): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return times;
}

/** Bare Chromium: one warm browser, a new page per PDF, the same HTML and page.pdf() options. */
/** The baseline: bare puppeteer printing the final HTML with the renderer's page.pdf options, in a new page. */
export async function barePdf(browser: Browser, doc: ReportDocument): Promise<Uint8Array> {
  const page = await browser.newPage();
  await page.setContent(doc.html, { waitUntil: 'load' });
  const pdf = await page.pdf({
    format: 'A4',
    printBackground: true,
    displayHeaderFooter: true,
    headerTemplate: doc.headerHtml,
    footerTemplate: doc.footerHtml,
    margin: { top: '24mm', bottom: '22mm', left: '18mm', right: '18mm' },
    outline: true,
    tagged: true,
  });
  await page.close();
  return pdf;
}

async function bareChromium(): Promise<{
  print: (doc: ReportDocument) => Promise<void>;
  pid: () => number | undefined;
  close: () => Promise<void>;
}> {
  const browser = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  return {
    print: async (doc) => {
      await barePdf(browser, doc);
    },
    pid: () => browser.process()?.pid,
    close: () => browser.close(),
  };
}

/** Wall time, this process's CPU time and the CPU time of one browser's processes, in ms. */
interface Timed {
  wall: number;
  node: number;
  chromium: number;
}

/**
 * The cases in turns, N rounds, the order rotated each round and a pause after each case (so that
 * nothing one of them leaves running, a page still closing, overlaps the next): on a machine shared
 * with other work, every case sees the same load, which measuring one case after the other does not.
 */
async function interleaved(
  cases: Record<string, { run: () => Promise<unknown>; browserPid: () => number | undefined }>,
): Promise<Record<string, Timed[]>> {
  const names = Object.keys(cases);
  const results: Record<string, Timed[]> = Object.fromEntries(names.map((n) => [n, []]));
  const pause = () => new Promise((resolve) => setTimeout(resolve, 250));
  for (const name of names) await cases[name].run(); // warm up
  for (let round = 0; round < N; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length];
      const { run, browserPid } = cases[name];
      await pause();
      const chromium0 = treeCpuMs(browserPid());
      const node0 = ownCpuMs();
      const started = performance.now();
      await run();
      const wall = performance.now() - started;
      const node = ownCpuMs() - node0;
      results[name].push({ wall, node, chromium: treeCpuMs(browserPid()) - chromium0 });
    }
  }
  return results;
}

function table(headers: string[], rows: string[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

async function main(): Promise<void> {
  const t0 = performance.now();
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-report-bench-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MUTU_PDF_CONCURRENCY: '1',
    ...(process.env.CHROMIUM_PATH ? { CHROMIUM_PATH: process.env.CHROMIUM_PATH } : {}),
  });
  const app: NestExpressApplication = await createApp(config, { logger: false });
  try {
    const db = app.get<DataSource>(getDataSourceToken());
    const started = performance.now();
    const { assessmentIds } = await generate(db, BATCH);
    const generated = performance.now() - started;
    const me: Principal = await app.get(ReportBatch).systemPrincipal('kota-kupang');
    const service = app.get(ReportsService);
    const gap = app.get(GapReportBuilder);
    const templates = reportTemplates();
    const first = assessmentIds[0];

    // 1. End to end through the service (its renderer: concurrency 1, warm) against bare Chromium,
    //    with no draft cache so that every call renders; then the same draft served again (cached).
    const uncached = new ReportsService(
      db,
      { ...config, reportCacheBytes: 0 },
      app.get(ScopeService),
      app.get(OrganisationsService),
      app.get(PdfRendererProvider),
      templates,
      app.get(GapReportBuilder),
      app.get(SummaryReportBuilder),
      app.get(EvidenceRegisterBuilder),
      app.get(DocumentRegisterBuilder),
    );
    const build = async () => {
      const data = await gap.build(me, first);
      const stamp = { reportNumber: null, generatedAt: new Date(), issuedBy: null };
      return { data, doc: gapReportDocument(templates, data, stamp, 'id') };
    };
    const { data, doc } = await build();
    const sample = await uncached.draftGapReport(me, first, 'id');
    const provider = app.get(PdfRendererProvider);
    const ours = () => provider.stats().browserPid;
    const bareBrowser = await bareChromium();
    let timed: Record<string, Timed[]>;
    try {
      timed = await interleaved({
        endToEnd: { run: () => uncached.draftGapReport(me, first, 'id'), browserPid: ours },
        dataAndHtml: { run: build, browserPid: () => undefined },
        documentOnly: { run: () => renderDocument(provider, doc), browserPid: ours },
        bare: { run: () => bareBrowser.print(doc), browserPid: bareBrowser.pid },
      });
    } finally {
      await bareBrowser.close();
    }
    const wall = (name: string) => timed[name].map((t) => t.wall);
    const endToEnd = wall('endToEnd');
    const dataAndHtml = wall('dataAndHtml');
    const bare = wall('bare');
    await service.draftGapReport(me, first, 'id');
    const servedAgain = await timeEach(N, () => service.draftGapReport(me, first, 'id'));

    // 2. Warm renderer against a browser per report: this document, and a short one (the demo
    //    Dukcapil gap report) where launching weighs more against rendering.
    const coldAndWarm = async (document: ReportDocument) => {
      const cold = await timeEach(N, async () => {
        const renderer = new PdfRenderer({ executablePath, concurrency: 1 });
        try {
          await renderDocument(renderer, document);
        } finally {
          await renderer.close();
        }
      });
      const renderer = new PdfRenderer({ executablePath, concurrency: 1 });
      try {
        const pages = (await renderDocument(renderer, document)).pages;
        return { cold, warm: await timeEach(N, () => renderDocument(renderer, document)), pages };
      } finally {
        await renderer.close();
      }
    };
    const { cold, warm } = await coldAndWarm(doc);
    const [demo] = await db.query<{ id: string }[]>(
      `SELECT a.id FROM assessment a JOIN unit u ON u.id = a.unit_id WHERE u.code = 'DUKCAPIL'`,
    );
    const demoData = await gap.build(me, demo.id);
    const short = await coldAndWarm(
      gapReportDocument(
        templates,
        demoData,
        { reportNumber: null, generatedAt: new Date(), issuedBy: null },
        'id',
      ),
    );

    // 3. A batch of unit reports, end to end, with concurrency 1 and 2.
    const batch = async (concurrency: number): Promise<{ total: number; times: number[] }> => {
      const renderer = new PdfRenderer({ executablePath, concurrency });
      // No cache: every job of the batch is rendered (the served-again case is measured below).
      const reports = new ReportsService(
        db,
        { ...config, reportCacheBytes: 0 },
        app.get(ScopeService),
        app.get(OrganisationsService),
        renderer as never,
        templates,
        gap,
        app.get(SummaryReportBuilder),
        app.get(EvidenceRegisterBuilder),
        app.get(DocumentRegisterBuilder),
      );
      try {
        await reports.draftGapReport(me, first, 'id'); // launch outside the measurement
        const times: number[] = [];
        let next = 0;
        const begun = performance.now();
        const worker = async () => {
          while (next < assessmentIds.length) {
            const id = assessmentIds[next++];
            const s = performance.now();
            await reports.draftGapReport(me, id, 'id');
            times.push(performance.now() - s);
          }
        };
        await Promise.all(Array.from({ length: concurrency }, worker));
        return { total: performance.now() - begun, times };
      } finally {
        await renderer.close();
      }
    };
    const one = await batch(1);
    const two = await batch(2);

    // 4. Memory after many renders against after 10 (recycling every 200 keeps it flat).
    const memRenderer = new PdfRenderer({
      executablePath,
      concurrency: Math.min(2, availableParallelism()),
    });
    let early: number | undefined;
    let late: number | undefined;
    const memTimes: number[] = [];
    try {
      const run = async (count: number) => {
        let begun = 0;
        const worker = async () => {
          while (begun < count) {
            begun++;
            memTimes.push((await renderDocument(memRenderer, doc)).ms);
          }
        };
        await Promise.all([worker(), worker()]);
      };
      const checkpoint = Math.min(10, RSS_RENDERS);
      await run(checkpoint);
      early = browserMemory(memRenderer.stats().browserPid);
      await run(RSS_RENDERS - checkpoint);
      late = browserMemory(memRenderer.stats().browserPid);
    } finally {
      await memRenderer.close();
    }
    const launches = memRenderer.stats().launches;

    console.log(
      `\nReport benchmark: gap report of a full assessment (${data.assessment.clauses.length} clauses rated, ` +
        `${data.evidence.length} evidence, ${data.findings.length} findings) = ${sample.pages} pages, ` +
        `${Math.round(sample.body.length / 1024)} KB; ${availableParallelism()} CPUs, node ${process.version}, ` +
        `data generated in ${(generated / 1000).toFixed(1)} s, run ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
    );
    console.log(
      table(
        ['comparison', 'ratio', 'target', 'baseline', 'candidate'],
        [
          [
            'end to end / bare Chromium, same HTML (median)',
            ratio(median(endToEnd), median(bare)),
            '≤ 1.10x',
            `${median(bare).toFixed(0)} ms`,
            `${median(endToEnd).toFixed(0)} ms`,
          ],
          [
            `rendered / unchanged draft served again, ${sample.pages}-page report`,
            ratio(median(endToEnd), median(servedAgain)),
            '≥ 50.00x',
            `${median(endToEnd).toFixed(0)} ms`,
            `${median(servedAgain).toFixed(1)} ms`,
          ],
          [
            `browser per report / warm renderer, ${sample.pages}-page report`,
            ratio(median(cold), median(warm)),
            '≥ 3.00x',
            `${median(cold).toFixed(0)} ms`,
            `${median(warm).toFixed(0)} ms`,
          ],
          [
            `browser per report / warm renderer, ${short.pages}-page demo report`,
            ratio(median(short.cold), median(short.warm)),
            '≥ 3.00x',
            `${median(short.cold).toFixed(0)} ms`,
            `${median(short.warm).toFixed(0)} ms`,
          ],
          [
            `concurrency 1 / concurrency 2 (wall, ${assessmentIds.length} reports)`,
            ratio(one.total, two.total),
            '',
            `${(one.total / 1000).toFixed(1)} s`,
            `${(two.total / 1000).toFixed(1)} s`,
          ],
          [
            `browser PSS after ${RSS_RENDERS} / after ${Math.min(10, RSS_RENDERS)} renders`,
            early && late ? ratio(late, early) : 'n/a',
            '',
            early ? mb(early) : 'n/a',
            late ? `${mb(late)} (${launches} launch${launches === 1 ? '' : 'es'})` : 'n/a',
          ],
        ],
      ),
    );
    console.log('');
    const row = (name: string, times: number[], total?: number): string[] => [
      name,
      String(times.length),
      median(times).toFixed(0),
      p90(times).toFixed(0),
      (total ?? times.reduce((a, b) => a + b, 0)).toFixed(0),
    ];
    console.log(
      table(
        ['case', 'n', 'median ms', 'p90 ms', 'total ms'],
        [
          row('end to end (service, warm renderer)', endToEnd),
          row('  of which data + HTML (services, Handlebars)', dataAndHtml),
          row('bare Chromium (warm browser, new page)', bare),
          row('warm renderer, document only (interleaved)', wall('documentOnly')),
          row('warm renderer, document only', warm),
          row('new browser per report', cold),
          row(`warm renderer, ${short.pages}-page demo report`, short.warm),
          row(`new browser per report, ${short.pages}-page demo report`, short.cold),
          row('batch, concurrency 1 (per report)', one.times, one.total),
          row('batch, concurrency 2 (per report)', two.times, two.total),
          row(`memory run (${RSS_RENDERS} renders)`, memTimes),
        ],
      ),
    );
    // CPU time moves far less with other work on the machine than wall time does.
    const cpu = (name: string, label: string): string[] => {
      const of = (key: keyof Timed) => median(timed[name].map((t) => t[key]));
      return [label, of('wall').toFixed(0), of('node').toFixed(1), of('chromium').toFixed(0)];
    };
    const overhead = (key: keyof Timed) =>
      median(timed.documentOnly.map((t) => t[key])) - median(timed.bare.map((t) => t[key]));
    console.log(
      `\nInterleaved (${N} rounds, order rotated), medians in ms; Chromium CPU from /proc, 10 ms ticks\n`,
    );
    console.log(
      table(
        ['case', 'wall', 'node CPU', 'Chromium CPU'],
        [
          cpu('endToEnd', 'end to end (service, warm renderer)'),
          cpu('dataAndHtml', '  data + HTML (services, Handlebars)'),
          cpu('documentOnly', 'warm renderer, document only'),
          cpu('bare', 'bare Chromium (warm browser, new page)'),
          [
            'renderer overhead: document only − bare',
            overhead('wall').toFixed(0),
            overhead('node').toFixed(1),
            overhead('chromium').toFixed(0),
          ],
        ],
      ),
    );
    console.log(`\nnode RSS at the end: ${mb(process.memoryUsage().rss)}`);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

// Run when executed, not when a driver imports the data generator.
if (process.argv[1] === fileURLToPath(import.meta.url)) await main();
