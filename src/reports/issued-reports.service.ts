import { lockRow } from '../database/row-lock.js';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, In, type EntityManager } from 'typeorm';
import {
  findVisibleAssessment,
  requireAssignedAssessor,
  requireNotReported,
} from '../assessments/assessment-access.js';
import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { recordAudit } from '../audit-log/audit-log.js';
import { peopleById, type PersonRef } from '../auth/people.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { Conflict, DomainError, NotFound } from '../common/domain-error.js';
import type { FileDownload } from '../evidence/file-download.js';
import { CorrectiveAction } from '../findings/corrective-action.entity.js';
import { Finding } from '../findings/finding.entity.js';
import type { Language } from '../i18n/i18n.js';
import { GapReportBuilder, gapReportDocument } from './gap-report.js';
import { IssuedReport } from './issued-report.entity.js';
import { PdfRendererProvider } from './pdf-renderer.provider.js';
import { renderDocument, reportFileName } from './report-document.js';
import { ReportStore } from './report-store.js';
import { ReportTemplates } from './report-templates.js';
import { PDF_TYPE } from './reports.service.js';
import { isUniqueViolation } from '../database/unique-violation.js';

export interface IssuedReportView {
  id: string;
  number: string;
  kind: IssuedReport['kind'];
  organisationId: string;
  unitId: string;
  assessmentId: string;
  sha256: string;
  size: number;
  pages: number;
  language: string;
  issuedAt: Date;
  dataAsOf: Date;
  issuedBy: { id: string; displayName: string } | null;
  /** The PDF, byte for byte as issued. */
  fileUrl: string;
}

/** MUTU/KPG/2026/0001: prefix of the organisation, year in WITA, sequence per organisation and year. */
export const reportNumber = (prefix: string, year: number, sequence: number): string =>
  `MUTU/${prefix}/${year}/${String(sequence).padStart(4, '0')}`;

/** The number rendered into the PDF is no longer the next one, or the data changed while rendering. */
class StaleRender extends Error {
  constructor(readonly reason: 'number_taken' | 'data_changed') {
    super(reason);
  }
}

const view = (r: IssuedReport, people: Map<string, PersonRef>): IssuedReportView => ({
  id: r.id,
  number: r.number,
  kind: r.kind,
  organisationId: r.organisationId,
  unitId: r.unitId,
  assessmentId: r.assessmentId,
  sha256: r.sha256,
  size: r.size,
  pages: r.pages,
  language: r.language,
  issuedAt: r.issuedAt,
  dataAsOf: r.dataAsOf,
  issuedBy: people.get(r.issuedById) ?? null,
  fileUrl: `/api/reports/${r.id}/file`,
});

/**
 * Issuing a gap report: the final PDF is rendered once, stored under its SHA-256 and numbered, and
 * the assessment becomes `reported`, all or nothing. Afterwards the same bytes are served forever.
 */
@Injectable()
export class IssuedReportsService {
  private readonly logger = new Logger('Reports');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly renderer: PdfRendererProvider,
    private readonly templates: ReportTemplates,
    private readonly gap: GapReportBuilder,
    private readonly store: ReportStore,
  ) {}

  /**
   * Renders outside any transaction (a render takes a second or more), then in one short
   * transaction checks that neither the next number nor the assessment's ratings, findings and
   * corrective actions changed meanwhile, stores the row, the file, the `reported` state and the
   * audit event. A race (another report took the number, someone changed a rating) renders once
   * more; a second race is a 409.
   */
  async issue(me: Principal, assessmentId: string, lang: Language): Promise<IssuedReportView> {
    const a = await findVisibleAssessment(this.db.manager, this.scope, me, assessmentId);
    requireAssignedAssessor(me, a);
    requireNotReported(a);
    const organisationId = a.unit.organisationId;
    for (let attempt = 1; ; attempt++) {
      const fingerprint = await this.fingerprint(this.db.manager, a.id);
      const data = await this.gap.build(me, a.id);
      const issuedAt = new Date();
      const year = Number(todayInZone(issuedAt).slice(0, 4));
      const sequence = await this.nextSequence(this.db.manager, organisationId, year);
      const number = reportNumber(data.organisation.reportPrefix, year, sequence);
      const doc = gapReportDocument(
        this.templates,
        data,
        {
          reportNumber: number,
          generatedAt: issuedAt,
          issuedBy: { id: me.id, displayName: me.displayName },
        },
        lang,
      );
      const rendered = await renderDocument(this.renderer, doc);
      const pending = await this.store.putStream(Readable.from([rendered.pdf]));
      try {
        const id = await this.db.transaction(async (m) => {
          const fresh = await this.lockAssessment(m, me, a.id);
          requireAssignedAssessor(me, fresh);
          requireNotReported(fresh);
          if ((await this.fingerprint(m, a.id)) !== fingerprint)
            throw new StaleRender('data_changed');
          if ((await this.nextSequence(m, organisationId, year)) !== sequence)
            throw new StaleRender('number_taken');
          const repo = m.getRepository(IssuedReport);
          const row = await repo.save(
            repo.create({
              number,
              organisationId,
              year,
              sequence,
              kind: 'gap_report',
              assessmentId: a.id,
              unitId: a.unitId,
              sha256: pending.sha256,
              size: pending.size,
              pages: rendered.pages,
              language: lang,
              issuedById: me.id,
              issuedAt,
              dataAsOf: data.dataAsOf,
            }),
          );
          const moved = await m
            .getRepository(Assessment)
            .update({ id: a.id, state: fresh.state }, { state: 'reported' });
          if (moved.affected === 0) throw new Conflict('assessment_reported');
          await recordAudit(m, {
            actorId: me.id,
            action: 'report.issue',
            entity: 'report',
            entityId: row.id,
            organisationId,
            unitId: a.unitId,
            changes: {
              number: { before: null, after: number },
              assessmentId: { before: null, after: a.id },
              sha256: { before: null, after: pending.sha256 },
              size: { before: null, after: pending.size },
              pages: { before: null, after: rendered.pages },
              language: { before: null, after: lang },
              assessmentState: { before: fresh.state, after: 'reported' },
            },
          });
          // The file is in place before the row commits: a report row never points at nothing.
          await this.store.commit(pending);
          return row.id;
        });
        return await this.get(me, id);
      } catch (error) {
        const race = error instanceof StaleRender || isUniqueViolation(error);
        if (!race) throw error;
        if (attempt >= 2) throw new Conflict('report_issue_race');
        this.logger.log(
          `Report for assessment ${a.id}: ${error instanceof StaleRender ? error.reason : 'number taken'}; rendering again`,
        );
      } finally {
        await this.store.discard(pending);
      }
    }
  }

  async get(me: Principal, id: string): Promise<IssuedReportView> {
    const [row] = await this.visible(me, { id });
    if (!row) throw new NotFound('report', id);
    return view(row, await peopleById(this.db.manager, [row.issuedById]));
  }

  /** The reports issued for an assessment the caller may see, newest first. */
  async forAssessment(me: Principal, assessmentId: string): Promise<IssuedReportView[]> {
    const a = await findVisibleAssessment(this.db.manager, this.scope, me, assessmentId);
    const rows = await this.visible(me, { assessmentId: a.id });
    const people = await peopleById(
      this.db.manager,
      rows.map((r) => r.issuedById),
    );
    return rows.map((r) => view(r, people));
  }

  /** The issued PDF, checked against its row before a byte is sent. */
  async file(me: Principal, id: string): Promise<FileDownload> {
    const [row] = await this.visible(me, { id });
    if (!row) throw new NotFound('report', id);
    const size = await this.store.sizeOf(row.sha256);
    if (size !== row.size) {
      this.logger.error(
        `Report ${row.number}: stored file ${row.sha256} is ${size === null ? 'missing' : `${size} bytes, expected ${row.size}`}`,
      );
      throw new DomainError(500, 'report_file_unavailable', { number: row.number });
    }
    return {
      sha256: row.sha256,
      size: row.size,
      mediaType: PDF_TYPE,
      fileName: reportFileName(row.number),
      open: () => this.store.read(row.sha256),
    };
  }

  /** Issued reports matching `where`, of the units the caller sees (the scope is in the query). */
  private async visible(
    me: Principal,
    where: { id?: string; assessmentId?: string },
  ): Promise<IssuedReport[]> {
    return this.db.getRepository(IssuedReport).find({
      where: { ...where, unitId: this.scope.inScope(me) },
      order: { issuedAt: 'DESC', sequence: 'DESC' },
    });
  }

  private async nextSequence(
    m: EntityManager,
    organisationId: string,
    year: number,
  ): Promise<number> {
    const last = await m
      .getRepository(IssuedReport)
      .createQueryBuilder('r')
      .select('MAX(r.sequence)', 'n')
      .where('r.organisationId = :organisationId AND r.year = :year', { organisationId, year })
      .getRawOne<{ n: number | string | null }>();
    return Number(last?.n ?? 0) + 1;
  }

  /** The assessment, re-read in the transaction; on PostgreSQL its row is locked until commit. */
  private async lockAssessment(m: EntityManager, me: Principal, id: string) {
    await lockRow(m, Assessment, id);
    return findVisibleAssessment(m, this.scope, me, id);
  }

  /** A hash of what the report says about the assessment that can still change before it is reported. */
  private async fingerprint(m: EntityManager, assessmentId: string): Promise<string> {
    const ratings = await m.getRepository(ClauseAssessment).find({
      where: { assessmentId },
      select: { clauseId: true, applicable: true, rating: true, note: true, justification: true },
      order: { clauseId: 'ASC' },
    });
    const findings = await m.getRepository(Finding).find({
      where: { assessmentId },
      select: {
        id: true,
        number: true,
        clauseId: true,
        grade: true,
        statement: true,
        objectiveEvidence: true,
        state: true,
      },
      order: { number: 'ASC' },
    });
    const actions = findings.length
      ? await m.getRepository(CorrectiveAction).find({
          where: { findingId: In(findings.map((f) => f.id)) },
          order: { findingId: 'ASC' },
        })
      : [];
    const plans = actions.map((c) => [
      c.findingId,
      c.correction,
      c.rootCause,
      c.action,
      c.owner,
      c.dueOn,
    ]);
    return createHash('sha256')
      .update(JSON.stringify([ratings, findings, plans]))
      .digest('hex');
  }
}
