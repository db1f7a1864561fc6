import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import type { Language } from '../i18n/i18n.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { ReportsService, type RenderedFile } from './reports.service.js';

export interface BatchResult {
  file: string;
  /** Unit code, or the organisation code for the summary. */
  subject: string;
  pages: number;
  size: number;
  ms: number;
}

export interface BatchProgress {
  done: number;
  total: number;
  last: BatchResult;
}

export interface BatchReport {
  outDir: string;
  results: BatchResult[];
  /** Units without an assessment: no gap report to render. */
  skipped: { unit: string; name: string }[];
}

/** Not a user: the command line acting for an organisation's administrator (no session, no HTTP). */
export const SYSTEM_USER_ID = '00000000-0000-0000-0000-000000000000';

/**
 * Renders a whole organisation into a folder: every unit's gap report (its current assessment, as
 * a draft) and the management summary, as many at once as the renderer allows. A browser that
 * dies under a render is replaced and the render retried once (PdfRenderer), so one crash does not
 * fail the batch.
 */
@Injectable()
export class ReportBatch {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly readiness: ReadinessService,
    private readonly reports: ReportsService,
  ) {}

  /** An administrator of the organisation with this code, built here rather than signed in. */
  async systemPrincipal(organisationCode: string): Promise<Principal> {
    const org = await this.db.getRepository(Organisation).findOneBy({ code: organisationCode });
    if (!org) throw new Error(`No organisation with the code "${organisationCode}"`);
    return {
      id: SYSTEM_USER_ID,
      username: 'mutu-cli',
      displayName: 'Mutu (command line)',
      role: 'admin',
      organisationId: org.id,
      unitIds: [],
      sessionId: 'cli',
      via: 'bearer',
    };
  }

  async render(
    me: Principal,
    organisationId: string,
    outDir: string,
    lang: Language,
    onProgress: (p: BatchProgress) => void = () => undefined,
  ): Promise<BatchReport> {
    const dir = resolve(outDir);
    await mkdir(dir, { recursive: true });
    const org = await this.readiness.organisation(me, organisationId);
    const jobs: { subject: string; make: () => Promise<RenderedFile> }[] = org.units.flatMap((u) =>
      u.assessmentId
        ? [{ subject: u.code, make: () => this.reports.draftGapReport(me, u.assessmentId!, lang) }]
        : [],
    );
    jobs.push({ subject: org.code, make: () => this.reports.summary(me, organisationId, lang) });

    const results = new Array<BatchResult>(jobs.length);
    let next = 0;
    let done = 0;
    const worker = async (): Promise<void> => {
      while (next < jobs.length) {
        const i = next++;
        const job = jobs[i];
        const started = performance.now();
        const file = await job.make();
        const path = join(dir, file.fileName);
        await writeFile(`${path}.part`, file.body);
        await rename(`${path}.part`, path);
        results[i] = {
          file: file.fileName,
          subject: job.subject,
          pages: file.pages,
          size: file.body.length,
          ms: performance.now() - started,
        };
        onProgress({ done: ++done, total: jobs.length, last: results[i] });
      }
    };
    const workers = Math.max(1, Math.min(this.config.pdf.concurrency, jobs.length));
    await Promise.all(Array.from({ length: workers }, worker));
    return {
      outDir: dir,
      results,
      skipped: org.units
        .filter((u) => !u.assessmentId)
        .map((u) => ({ unit: u.code, name: u.name })),
    };
  }
}
