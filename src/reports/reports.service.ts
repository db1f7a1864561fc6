import { Injectable } from '@nestjs/common';
import type { Principal } from '../auth/principal.js';
import { todayInZone } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import {
  EvidenceRegisterBuilder,
  evidenceRegisterCsv,
  evidenceRegisterDocument,
  evidenceRegisterXlsx,
  type RegisterFile,
} from './evidence-register.js';
import { GapReportBuilder, gapReportDocument } from './gap-report.js';
import { PdfRendererProvider } from './pdf-renderer.provider.js';
import { renderDocument, textIn } from './report-document.js';
import { ReportTemplates } from './report-templates.js';
import { SummaryReportBuilder, summaryReportDocument } from './summary-report.js';

export const PDF_TYPE = 'application/pdf';

/** A PDF made now (not stored), with what the command line and the response need to know. */
export interface RenderedFile extends RegisterFile {
  pages: number;
  /** Render time, waiting in line included. */
  ms: number;
  /** URLs the document tried to load and was refused (always empty for our own templates). */
  refusedRequests: string[];
}

export type RegisterFormat = 'pdf' | 'csv' | 'xlsx';

/** Reports rendered on request: the draft gap report, the management summary, the evidence register. */
@Injectable()
export class ReportsService {
  constructor(
    private readonly renderer: PdfRendererProvider,
    private readonly templates: ReportTemplates,
    private readonly gap: GapReportBuilder,
    private readonly summaryBuilder: SummaryReportBuilder,
    private readonly register: EvidenceRegisterBuilder,
  ) {}

  /** The gap report as it stands now, marked as a draft (watermark, "DRAF" in the header). */
  async draftGapReport(me: Principal, assessmentId: string, lang: Language): Promise<RenderedFile> {
    const data = await this.gap.build(me, assessmentId, lang);
    const generatedAt = new Date();
    const doc = gapReportDocument(
      this.templates,
      data,
      { reportNumber: null, generatedAt, issuedBy: null },
      lang,
    );
    const file = `${textIn(lang)('report.file.gap_draft')}-${data.unit.code}-${todayInZone(generatedAt)}.pdf`;
    return this.pdf(file, await renderDocument(this.renderer, doc));
  }

  async summary(me: Principal, organisationId: string, lang: Language): Promise<RenderedFile> {
    const data = await this.summaryBuilder.build(me, organisationId, lang);
    const generatedAt = new Date();
    const doc = summaryReportDocument(this.templates, data, generatedAt, lang);
    const file = `${textIn(lang)('report.file.summary')}-${data.organisation.code}-${todayInZone(generatedAt)}.pdf`;
    return this.pdf(file, await renderDocument(this.renderer, doc));
  }

  async evidenceRegister(
    me: Principal,
    unitId: string,
    format: RegisterFormat,
    lang: Language,
  ): Promise<RegisterFile> {
    const data = await this.register.build(me, unitId);
    if (format === 'csv') return evidenceRegisterCsv(data, lang);
    if (format === 'xlsx') return evidenceRegisterXlsx(data, lang);
    const doc = evidenceRegisterDocument(this.templates, data, new Date(), lang);
    const file = `${textIn(lang)('report.evidence.file')}-${data.unit.code}.pdf`;
    return this.pdf(file, await renderDocument(this.renderer, doc));
  }

  private pdf(
    fileName: string,
    result: { pdf: Buffer; pages: number; ms: number; refusedRequests: string[] },
  ): RenderedFile {
    return {
      fileName,
      contentType: PDF_TYPE,
      body: result.pdf,
      pages: result.pages,
      ms: result.ms,
      refusedRequests: result.refusedRequests,
    };
  }
}
