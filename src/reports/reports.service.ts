import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { findVisibleAssessment } from '../assessments/assessment-access.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';
import type { Language } from '../i18n/i18n.js';
import {
  EvidenceRegisterBuilder,
  evidenceRegisterDocument,
  evidenceRegisterTable,
} from './evidence-register.js';
import {
  DocumentRegisterBuilder,
  documentRegisterDocument,
  documentRegisterTable,
} from './document-register.js';
import { GapReportBuilder, gapReportDocument } from './gap-report.js';
import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';
import { ReportCache, etagOf, reportKey } from './report-cache.js';
import {
  registerCsv,
  registerXlsx,
  type RegisterFile,
  type RegisterTable,
} from './register-file.js';
import { renderDocument, textIn, type ReportDocument } from './report-document.js';
import { ReportTemplates } from './report-templates.js';
import { reportDataStamp, type ReportScope } from './report-versions.js';
import { SummaryReportBuilder, summaryReportDocument } from './summary-report.js';

export const PDF_TYPE = 'application/pdf';

/** A PDF made now (not stored), with what the command line and the response need to know. */
export interface RenderedFile extends RegisterFile {
  pages: number;
  /** Render time, waiting in line included. */
  ms: number;
  /** URLs the document tried to load and was refused (always empty for our own templates). */
  refusedRequests: string[];
  /** `"<sha256>"` of the body: a strong ETag. */
  etag: string;
  /** When these bytes were rendered (also in the PDF's footer, with the data's as-of time). */
  renderedAt: Date;
  /** Served from the cache of drafts whose data has not changed since. */
  cached: boolean;
}

export type RegisterFormat = 'pdf' | 'csv' | 'xlsx';

/** Reports rendered on request: the draft gap report, the management summary, the evidence register. */
@Injectable()
export class ReportsService {
  /**
   * Drafts served again while nothing they show has changed: keyed by what their bytes depend on
   * (report, language, template version, WITA day, data stamp, caller), bounded by
   * MUTU_REPORT_CACHE_MB, least recently used out first.
   */
  private readonly cache: ReportCache<RenderedFile>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) config: MutuConfig,
    private readonly scope: ScopeService,
    private readonly organisations: OrganisationsService,
    private readonly renderer: PdfRendererProvider,
    private readonly templates: ReportTemplates,
    private readonly gap: GapReportBuilder,
    private readonly summaryBuilder: SummaryReportBuilder,
    private readonly register: EvidenceRegisterBuilder,
    private readonly documentRegisterBuilder: DocumentRegisterBuilder,
  ) {
    this.cache = new ReportCache(config.reportCacheBytes);
  }

  /** The gap report as it stands now, marked as a draft (watermark, "DRAF" in the header). */
  async draftGapReport(me: Principal, assessmentId: string, lang: Language): Promise<RenderedFile> {
    const a = await findVisibleAssessment(this.db.manager, this.scope, me, assessmentId);
    const scope: ReportScope = {
      kind: 'assessment',
      assessmentId: a.id,
      unitId: a.unitId,
      organisationId: a.unit.organisationId,
    };
    return this.cached(me, 'gap', scope, lang, () => this.renderGapReport(me, a.id, lang));
  }

  private async renderGapReport(
    me: Principal,
    assessmentId: string,
    lang: Language,
  ): Promise<RenderedFile> {
    const data = await this.gap.build(me, assessmentId);
    const generatedAt = new Date();
    const doc = gapReportDocument(
      this.templates,
      data,
      { reportNumber: null, generatedAt, issuedBy: null },
      lang,
    );
    const file = `${textIn(lang)('report.file.gap_draft')}-${data.unit.code}-${todayInZone(generatedAt)}.pdf`;
    return this.pdf(file, generatedAt, await renderDocument(this.renderer, doc));
  }

  async summary(me: Principal, organisationId: string, lang: Language): Promise<RenderedFile> {
    await this.organisations.get(me, organisationId);
    return this.cached(me, 'summary', { kind: 'organisation', organisationId }, lang, () =>
      this.renderSummary(me, organisationId, lang),
    );
  }

  private async renderSummary(
    me: Principal,
    organisationId: string,
    lang: Language,
  ): Promise<RenderedFile> {
    const data = await this.summaryBuilder.build(me, organisationId);
    const generatedAt = new Date();
    const doc = summaryReportDocument(this.templates, data, generatedAt, lang);
    const file = `${textIn(lang)('report.file.summary')}-${data.organisation.code}-${todayInZone(generatedAt)}.pdf`;
    return this.pdf(file, generatedAt, await renderDocument(this.renderer, doc));
  }

  /** The evidence register as PDF, CSV or XLSX. */
  evidenceRegister(
    me: Principal,
    unitId: string,
    format: RegisterFormat,
    lang: Language,
  ): Promise<RegisterFile> {
    return this.registerAs(me, unitId, format, lang, {
      report: 'register',
      build: () => this.register.build(me, unitId),
      table: evidenceRegisterTable,
      document: evidenceRegisterDocument,
    });
  }

  evidenceRegisterPdf(me: Principal, unitId: string, lang: Language): Promise<RenderedFile> {
    return this.evidenceRegister(me, unitId, 'pdf', lang) as Promise<RenderedFile>;
  }

  /** The master list of controlled documents (Daftar Induk Dokumen) as PDF, CSV or XLSX. */
  documentRegister(
    me: Principal,
    unitId: string,
    format: RegisterFormat,
    lang: Language,
  ): Promise<RegisterFile> {
    return this.registerAs(me, unitId, format, lang, {
      report: 'documents',
      build: () => this.documentRegisterBuilder.build(me, unitId),
      table: documentRegisterTable,
      document: documentRegisterDocument,
    });
  }

  /**
   * A unit's register in one format: CSV and XLSX written now from its table, the PDF rendered
   * from its document and cached like every report.
   */
  private async registerAs<D extends { unit: UnitView }>(
    me: Principal,
    unitId: string,
    format: RegisterFormat,
    lang: Language,
    register: {
      report: string;
      build: () => Promise<D>;
      table: (data: D, lang: Language) => RegisterTable;
      document: (templates: ReportTemplates, data: D, at: Date, lang: Language) => ReportDocument;
    },
  ): Promise<RegisterFile> {
    if (format !== 'pdf') {
      const table = register.table(await register.build(), lang);
      return format === 'csv' ? registerCsv(table) : registerXlsx(table);
    }
    const unit = await this.organisations.unit(me, unitId);
    const scope: ReportScope = { kind: 'unit', unitId, organisationId: unit.organisationId };
    return this.cached(me, register.report, scope, lang, async () => {
      const data = await register.build();
      const generatedAt = new Date();
      const doc = register.document(this.templates, data, generatedAt, lang);
      const file = `${register.table(data, lang).fileBase}.pdf`;
      return this.pdf(file, generatedAt, await renderDocument(this.renderer, doc));
    });
  }

  /**
   * The draft from the cache when nothing it shows has changed, else rendered now and kept. The
   * caller's access is checked before this (the scope of the report is read through it); the stamp
   * is read before the data, so a kept copy is never older than the stamp it is filed under.
   */
  private async cached(
    me: Principal,
    report: string,
    scope: ReportScope,
    lang: Language,
    render: () => Promise<RenderedFile>,
  ): Promise<RenderedFile> {
    const now = new Date();
    const key = reportKey([
      report,
      scope.kind === 'organisation'
        ? scope.organisationId
        : scope.kind === 'unit'
          ? scope.unitId
          : scope.assessmentId,
      lang,
      this.templates.version,
      todayInZone(now),
      me.role,
      me.id,
      await reportDataStamp(this.db, scope),
    ]);
    const hit = this.cache.get(key);
    if (hit) return { ...hit.file, cached: true, ms: 0 };
    const file = await render();
    this.cache.set(key, {
      etag: file.etag,
      renderedAt: file.renderedAt,
      file,
      size: file.body.length,
    });
    return file;
  }

  private pdf(
    fileName: string,
    generatedAt: Date,
    result: { pdf: Buffer; pages: number; ms: number; refusedRequests: string[] },
  ): RenderedFile {
    return {
      etag: etagOf(result.pdf),
      renderedAt: generatedAt,
      cached: false,
      fileName,
      contentType: PDF_TYPE,
      body: result.pdf,
      pages: result.pages,
      ms: result.ms,
      refusedRequests: result.refusedRequests,
    };
  }
}
