import { lockRow } from '../../database/row-lock.js';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { DataSource, In, type EntityManager } from 'typeorm';
import { isUniqueViolation } from '../../database/unique-violation.js';
import {
  findVisibleAssessment,
  requireAssignedAssessor,
  requireNotReported,
} from '../../assessments/assessment-access.js';
import { Assessment } from '../../assessments/assessment.entity.js';
import { ClauseAssessment } from '../../assessments/clause-assessment.entity.js';
import { recordAudit } from '../../audit-log/audit-log.js';
import { peopleById, type PersonRef } from '../../auth/people.js';
import type { Principal } from '../../auth/principal.js';
import { ScopeService } from '../../auth/scope.js';
import { todayInZone } from '../../common/dates.js';
import { ReadinessKeeper } from '../../common/readiness-keeper.js';
import { NotFound } from '../../common/domain-error.js';
import { AssessmentError } from '../../assessments/assessment-errors.js';
import { ReviewError } from '../../management-review/review-errors.js';
import { ReportError } from './report-errors.js';
import type { FileDownload } from '../../evidence/file-download.js';
import { CorrectiveAction } from '../../findings/corrective-action.entity.js';
import { Finding } from '../../findings/finding.entity.js';
import type { Language } from '../../i18n/i18n.js';
import { ManagementReview } from '../../management-review/management-review.entity.js';
import { GapReportBuilder, gapReportDocument } from '../gap-report.js';
import { IssuedReport, type IssuedReportKind } from './issued-report.entity.js';
import { PdfRendererProvider } from '../../rendering/pdf-renderer.provider.js';
import { renderDocument, reportFileName, type ReportDocument } from '../report-document.js';
import { ReviewMinutesBuilder, reviewMinutesDocument } from '../review-minutes.js';
import { ReportStore } from './report-store.js';
import { ReportTemplates } from '../report-templates.js';
import { PDF_TYPE } from '../reports.service.js';

export interface IssuedReportView {
  id: string;
  number: string;
  kind: IssuedReport['kind'];
  organisationId: string;
  unitId: string;
  assessmentId: string | null;
  managementReviewId: string | null;
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

/** What differs between issuing a gap report and issuing minutes; the rest is issueDocument's. */
interface IssueSpec {
  kind: IssuedReportKind;
  organisationId: string;
  unitId: string;
  assessmentId: string | null;
  managementReviewId: string | null;
  /** A hash of what the report says that can still change while it renders. */
  fingerprint(m: EntityManager): Promise<string>;
  build(): Promise<{
    prefix: string;
    dataAsOf: Date;
    document(reportNumber: string, generatedAt: Date): ReportDocument;
  }>;
  /**
   * In the transaction, before anything is written: locks and re-checks the record; returns the
   * step run after the row is stored (e.g. the assessment becomes reported), with its audited changes.
   */
  commit(
    m: EntityManager,
  ): Promise<() => Promise<Record<string, { before: unknown; after: unknown }>>>;
}

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
  managementReviewId: r.managementReviewId,
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
    private readonly minutes: ReviewMinutesBuilder,
    private readonly readiness: ReadinessKeeper,
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
    return this.issueDocument(me, lang, {
      kind: 'gap_report',
      organisationId: a.unit.organisationId,
      unitId: a.unitId,
      assessmentId: a.id,
      managementReviewId: null,
      fingerprint: (m) => this.fingerprint(m, a.id),
      build: async () => {
        const data = await this.gap.build(me, a.id);
        return {
          prefix: data.organisation.reportPrefix,
          dataAsOf: data.dataAsOf,
          document: (reportNumber, generatedAt) =>
            gapReportDocument(
              this.templates,
              data,
              { reportNumber, generatedAt, issuedBy: { id: me.id, displayName: me.displayName } },
              lang,
            ),
        };
      },
      commit: async (m) => {
        const fresh = await this.lockAssessment(m, me, a.id);
        requireAssignedAssessor(me, fresh);
        requireNotReported(fresh);
        return async () => {
          const moved = await m
            .getRepository(Assessment)
            .update({ id: a.id, state: fresh.state }, { state: 'reported' });
          if (moved.affected === 0) throw new AssessmentError('assessment_reported');
          // A reported internal audit can lift (or, with unplanned findings, set) the 9.2 blocker.
          await this.readiness.unitsChanged(m, a.unitId);
          return { assessmentState: { before: fresh.state, after: 'reported' } };
        };
      },
    });
  }

  /**
   * Issues the minutes of a closed management review, signed off by its chair: numbered, hashed
   * and frozen like a gap report. Minutes may be issued again (a corrected language, say); each
   * issue is its own numbered report.
   */
  async issueMinutes(me: Principal, reviewId: string, lang: Language): Promise<IssuedReportView> {
    const first = await this.minutes.build(me, reviewId, lang);
    if (first.review.state !== 'closed') throw new ReviewError('review_not_closed');
    return this.issueDocument(me, lang, {
      kind: 'review_minutes',
      organisationId: first.organisation.id,
      unitId: first.review.unitId,
      assessmentId: null,
      managementReviewId: reviewId,
      // A closed review no longer changes but its actions do (done, overdue): they are in the minutes.
      fingerprint: async (m) =>
        createHash('sha256')
          .update(JSON.stringify((await this.minutes.build(me, reviewId, lang, m)).review))
          .digest('hex'),
      build: async () => {
        const data = await this.minutes.build(me, reviewId, lang);
        return {
          prefix: data.organisation.reportPrefix,
          dataAsOf: data.dataAsOf,
          document: (reportNumber, generatedAt) =>
            reviewMinutesDocument(this.templates, data, { reportNumber, generatedAt }, lang),
        };
      },
      commit: async (m) => {
        await lockRow(m, ManagementReview, reviewId);
        return () => Promise.resolve({});
      },
    });
  }

  /**
   * Renders outside any transaction (a render takes a second or more), then in one short
   * transaction checks that neither the next number nor the report's data changed meanwhile,
   * stores the row, the file, the record's new state and the audit event. A race (another report
   * took the number, someone changed a rating) renders once more; a second race is a 409.
   */
  private async issueDocument(
    me: Principal,
    lang: Language,
    spec: IssueSpec,
  ): Promise<IssuedReportView> {
    const { organisationId } = spec;
    for (let attempt = 1; ; attempt++) {
      const fingerprint = await spec.fingerprint(this.db.manager);
      const built = await spec.build();
      const issuedAt = new Date();
      const year = Number(todayInZone(issuedAt).slice(0, 4));
      const sequence = await this.nextSequence(this.db.manager, organisationId, year);
      const number = reportNumber(built.prefix, year, sequence);
      const rendered = await renderDocument(this.renderer, built.document(number, issuedAt));
      const pending = await this.store.putStream(Readable.from([rendered.pdf]));
      try {
        const id = await this.db.transaction(async (m) => {
          const after = await spec.commit(m);
          if ((await spec.fingerprint(m)) !== fingerprint) throw new StaleRender('data_changed');
          if ((await this.nextSequence(m, organisationId, year)) !== sequence)
            throw new StaleRender('number_taken');
          const repo = m.getRepository(IssuedReport);
          const row = await repo.save(
            repo.create({
              number,
              organisationId,
              year,
              sequence,
              kind: spec.kind,
              assessmentId: spec.assessmentId,
              managementReviewId: spec.managementReviewId,
              unitId: spec.unitId,
              sha256: pending.sha256,
              size: pending.size,
              pages: rendered.pages,
              language: lang,
              issuedById: me.id,
              issuedAt,
              dataAsOf: built.dataAsOf,
            }),
          );
          const moved = await after();
          await recordAudit(m, {
            actorId: me.id,
            action: 'report.issue',
            entity: 'report',
            entityId: row.id,
            organisationId,
            unitId: spec.unitId,
            changes: {
              number: { before: null, after: number },
              ...(spec.assessmentId
                ? { assessmentId: { before: null, after: spec.assessmentId } }
                : { managementReviewId: { before: null, after: spec.managementReviewId } }),
              sha256: { before: null, after: pending.sha256 },
              size: { before: null, after: pending.size },
              pages: { before: null, after: rendered.pages },
              language: { before: null, after: lang },
              ...moved,
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
        if (attempt >= 2) throw new ReportError('report_issue_race');
        this.logger.log(
          `Report ${spec.kind} for ${spec.assessmentId ?? spec.managementReviewId}: ${error instanceof StaleRender ? error.reason : 'number taken'}; rendering again`,
        );
      } finally {
        await this.store.discard(pending);
      }
    }
  }

  /** The minutes issued for a management review the caller may see, newest first. */
  async forReview(me: Principal, reviewId: string): Promise<IssuedReportView[]> {
    await this.minutes.build(me, reviewId, 'id');
    const rows = await this.visible(me, { managementReviewId: reviewId });
    const people = await peopleById(
      this.db.manager,
      rows.map((r) => r.issuedById),
    );
    return rows.map((r) => view(r, people));
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
      throw new ReportError('report_file_unavailable', { number: row.number });
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
    where: { id?: string; assessmentId?: string; managementReviewId?: string },
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
