/*
 * Where the time of one changed draft gap report goes, step by step, in wall time and CPU time
 * (this process, and Chromium's processes read from /proc), interleaved with bare puppeteer on the
 * same HTML so that a change of load during the run weighs on both alike. CPU time is the figure to
 * compare between runs on a shared machine: it hardly moves with the load.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/report-profile.js [--n 8]
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { getDataSourceToken } from '@nestjs/typeorm';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import type { DataSource } from 'typeorm';
import { createApp } from '../src/app.js';
import { findVisibleAssessment } from '../src/assessments/assessment-access.js';
import type { Principal } from '../src/auth/principal.js';
import { ScopeService } from '../src/auth/scope.js';
import { loadConfig } from '../src/config/configuration.js';
import { OrganisationsService } from '../src/organisations/organisations.service.js';
import { DocumentRegisterBuilder } from '../src/reports/document-register.js';
import { EvidenceRegisterBuilder } from '../src/reports/evidence-register.js';
import { GapReportBuilder, gapReportDocument } from '../src/reports/gap-report.js';
import { setPdfInfo } from '../src/rendering/pdf-metadata.js';
import { BROWSER_CANDIDATES, countPdfPages } from '../src/rendering/pdf-renderer.js';
import { PdfRendererProvider } from '../src/rendering/pdf-renderer.provider.js';
import { ReportBatch } from '../src/reports/report-batch.js';
import { etagOf } from '../src/reports/report-cache.js';
import { renderDocument } from '../src/reports/report-document.js';
import { reportTemplates } from '../src/reports/report-templates.js';
import { reportDataStamp } from '../src/reports/report-versions.js';
import { ReportsService } from '../src/reports/reports.service.js';
import { SummaryReportBuilder } from '../src/reports/summary-report.js';
import { barePdf, generate } from './report.bench.js';
import { ownCpuMs, treeCpuMs } from './support/process-tree.js';

const i = process.argv.indexOf('--n');
const N = i >= 0 ? Number(process.argv[i + 1]) : 8;
const executablePath = process.env.CHROMIUM_PATH || BROWSER_CANDIDATES[0];
interface Sample {
  wall: number;
  node: number;
  chromium: number;
}

const samples = new Map<string, Sample[]>();

async function measure<T>(name: string, pid: () => number | undefined, work: () => Promise<T> | T) {
  const c0 = treeCpuMs(pid());
  const n0 = ownCpuMs();
  const w0 = performance.now();
  const result = await work();
  const wall = performance.now() - w0;
  const node = ownCpuMs() - n0;
  const chromium = treeCpuMs(pid()) - c0;
  samples.set(name, [...(samples.get(name) ?? []), { wall, node, chromium }]);
  return result;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
};

async function main(): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mutu-report-profile-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    NODE_ENV: 'test',
    LOG_LEVEL: 'error',
    MUTU_PDF_CONCURRENCY: '1',
  });
  const app: NestExpressApplication = await createApp(config, { logger: false });
  const bare = await puppeteer.launch({
    executablePath,
    headless: true,
    pipe: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const db = app.get<DataSource>(getDataSourceToken());
    const { assessmentIds } = await generate(db, 1);
    const id = assessmentIds[0];
    const me: Principal = await app.get(ReportBatch).systemPrincipal('kota-kupang');
    const templates = reportTemplates();
    const renderer = app.get(PdfRendererProvider);
    const gap = app.get(GapReportBuilder);
    const scope = app.get(ScopeService);
    const service = new ReportsService(
      db,
      { ...config, reportCacheBytes: 0 },
      scope,
      app.get(OrganisationsService),
      renderer,
      templates,
      gap,
      app.get(SummaryReportBuilder),
      app.get(EvidenceRegisterBuilder),
      app.get(DocumentRegisterBuilder),
    );
    const stamp = () => ({ reportNumber: null, generatedAt: new Date(), issuedBy: null });
    const data = await gap.build(me, id);
    const doc = gapReportDocument(templates, data, stamp(), 'id');
    const ours = () => renderer.stats().browserPid;
    const theirs = () => bare.process()?.pid;
    const none = () => undefined;
    // Warm up both browsers and the JIT.
    for (let w = 0; w < 2; w++) {
      await service.draftGapReport(me, id, 'id');
      await barePdf(bare, doc);
    }
    let pdf: Buffer = Buffer.alloc(0);
    for (let k = 0; k < N; k++) {
      const steps = [
        () => measure('bare puppeteer, same HTML', theirs, () => barePdf(bare, doc)),
        () =>
          measure('PdfRenderer.render (Chromium part)', ours, async () => {
            pdf = (
              await renderer.render(doc.html, {
                headerHtml: doc.headerHtml,
                footerHtml: doc.footerHtml,
              })
            ).pdf;
          }),
        () =>
          measure('renderDocument (render + metadata)', ours, () => renderDocument(renderer, doc)),
        () =>
          measure('end to end, draftGapReport', ours, () => service.draftGapReport(me, id, 'id')),
        async () => {
          const a = await measure('  access check (findVisibleAssessment)', none, () =>
            findVisibleAssessment(db.manager, scope, me, id),
          );
          await measure('  data stamp (reportDataStamp)', none, () =>
            reportDataStamp(db, {
              kind: 'assessment',
              assessmentId: a.id,
              unitId: a.unitId,
              organisationId: a.unit.organisationId,
            }),
          );
          const d = await measure('  data (GapReportBuilder.build)', none, () => gap.build(me, id));
          await measure('  HTML (gapReportDocument)', none, () =>
            gapReportDocument(templates, d, stamp(), 'id'),
          );
          await measure('  setPdfInfo', none, () =>
            setPdfInfo(pdf, { title: doc.title, author: doc.author, subject: doc.subject }),
          );
          await measure('  countPdfPages', none, () => countPdfPages(pdf));
          await measure('  etagOf', none, () => etagOf(pdf));
        },
      ];
      // Rotate the order so that no case always follows the same one, and pause before each so
      // that what one leaves running (a page still closing) does not weigh on the next.
      for (let s = 0; s < steps.length; s++) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        await steps[(s + k) % steps.length]();
      }
    }
    const rows = [...samples].map(([name, xs]) => [
      name.padEnd(42),
      median(xs.map((x) => x.wall))
        .toFixed(1)
        .padStart(9),
      median(xs.map((x) => x.node))
        .toFixed(1)
        .padStart(9),
      median(xs.map((x) => x.chromium))
        .toFixed(0)
        .padStart(11),
    ]);
    console.log(
      `\nmedians of ${N}; ${countPdfPages(pdf)} pages, ${Math.round(pdf.length / 1024)} KB; HTML ${Math.round(doc.html.length / 1024)} KB`,
    );
    console.log(`${'step'.padEnd(42)}  wall ms  node CPU  Chromium CPU`);
    for (const r of rows) console.log(r.join(''));
  } finally {
    await bare.close();
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
