import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Readable } from 'node:stream';
import { DataSource, In, IsNull, type EntityManager } from 'typeorm';
import { recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { DomainError, NotFound } from '../common/domain-error.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { lockRow } from '../database/row-lock.js';
import { resolveClauses } from '../evidence/evidence-clauses.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { EvidenceVersion } from '../evidence/evidence-version.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { translate, type Language } from '../i18n/i18n.js';
import { Unit } from '../organisations/unit.entity.js';
import { SatisfactionSurvey } from '../satisfaction/satisfaction-survey.entity.js';
import { SatisfactionService } from '../satisfaction/satisfaction.service.js';
import { surveyView, type SurveyView } from '../satisfaction/survey-views.js';
import { SurveyEvidencePort, type EvidenceOutcome } from '../satisfaction/survey-evidence-port.js';
import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';
import { renderDocument, reportOrganisation, type ReportDocument } from './report-document.js';
import { ReportTemplates } from './report-templates.js';
import { PDF_TYPE } from './reports.service.js';
import {
  complaintSummaryDocument,
  surveyReportDocument,
  type EvidenceReportSubject,
} from './survey-evidence-documents.js';

/** Evidence Mutu generated itself is found again by this reference (its origin), never by title. */
export const surveyMarker = (surveyId: string) => `mutu:satisfaction-survey/${surveyId}`;
export const complaintsMarker = (unitId: string, period: string) =>
  `mutu:complaint-summary/${unitId}/${period}`;

interface GeneratedEvidence {
  unit: Unit;
  marker: string;
  title: string;
  description: string;
  clauses: string[];
  fileName: string;
  document: ReportDocument;
}

/**
 * The survey report (9.1.2) and the complaint summary (9.1.2, 8.2.1) as evidence of their unit:
 * rendered outside any transaction, then stored in a short one as a new item or, when Mutu made
 * one for the same survey or period before, as its next version (submitted again for review).
 */
@Injectable()
export class SurveyEvidenceService extends SurveyEvidencePort {
  private readonly logger = new Logger('SurveyEvidence');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly renderer: PdfRendererProvider,
    private readonly templates: ReportTemplates,
    private readonly store: EvidenceStore,
    private readonly surveys: SatisfactionService,
    private readonly complaints: ComplaintsService,
    private readonly readiness: ReadinessKeeper,
  ) {
    super();
  }

  /** After an import: the evidence, or why it is missing (the import has committed either way). */
  async afterImport(me: Principal, surveyId: string, lang: Language): Promise<EvidenceOutcome> {
    try {
      return await this.forSurvey(me, surveyId, lang);
    } catch (error) {
      // Renderer unavailable, busy or too slow (503), or a refusal (the unit's standard has no
      // 9.1.2): the survey stands; the evidence can be made later.
      if (error instanceof DomainError)
        return { evidenceId: null, version: null, missing: error.code };
      this.logger.error(`Survey ${surveyId}: evidence not made`, error);
      return { evidenceId: null, version: null, missing: 'evidence_failed' };
    }
  }

  async forSurvey(me: Principal, surveyId: string, lang: Language): Promise<EvidenceOutcome> {
    const survey = await this.surveys.get(me, surveyId, lang);
    const unit = await this.unit(me, survey.unitId);
    return this.publish(me.id, await this.surveyEvidence(unit, { ...survey, id: surveyId }, lang));
  }

  /**
   * The survey's report PDF when the survey has none for its latest import (a demo survey, or an
   * import that found the renderer busy), made by Mutu itself (no user: audited without actor).
   * Decided again under the unit's lock after the render, so two instances never both store it.
   * `present` when it already exists (or the survey or its unit is gone); a busy or unavailable
   * renderer throws its 503 DomainError.
   */
  async backfillSurvey(surveyId: string, lang: Language): Promise<EvidenceOutcome | 'present'> {
    const row = await this.db.getRepository(SatisfactionSurvey).findOneBy({ id: surveyId });
    const unit = row && (await this.db.getRepository(Unit).findOneBy({ id: row.unitId }));
    if (!row || !unit || unit.withdrawnAt) return 'present';
    if (await hasSurveyEvidence(this.db.manager, row)) return 'present';
    const g = await this.surveyEvidence(unit, { ...surveyView(row, lang), id: row.id }, lang);
    return this.publish(null, g, row);
  }

  private async surveyEvidence(
    unit: Unit,
    survey: SurveyView & { id: string },
    lang: Language,
  ): Promise<GeneratedEvidence> {
    const subject = await this.subject(unit);
    const t = (key: string) => translate(lang, key, { period: survey.period });
    return {
      unit,
      marker: surveyMarker(survey.id),
      title: `${t('report.survey.title')} — ${unit.name}`.slice(0, 300),
      description: t('report.survey.evidence_description'),
      clauses: ['9.1.2'],
      fileName: `SKM-${survey.period}-${unit.code}.pdf`,
      document: surveyReportDocument(this.templates, subject, survey, lang),
    };
  }

  async forComplaints(
    me: Principal,
    unitId: string,
    period: string | undefined,
    lang: Language,
  ): Promise<EvidenceOutcome> {
    const unit = await this.unit(me, unitId);
    const metrics = await this.complaints.metrics(me, unitId, period, lang);
    const subject = await this.subject(unit);
    const t = (key: string) => translate(lang, key, { period: metrics.period });
    return this.publish(me.id, {
      unit,
      marker: complaintsMarker(unitId, metrics.period),
      title: `${t('report.complaints.title')} — ${unit.name}`.slice(0, 300),
      description: t('report.complaints.evidence_description'),
      clauses: ['9.1.2', '8.2.1'],
      fileName: `Pengaduan-${metrics.period}-${unit.code}.pdf`,
      document: complaintSummaryDocument(this.templates, subject, metrics, lang),
    });
  }

  private async unit(me: Principal, unitId: string): Promise<Unit> {
    await this.scope.requireUnit(me, unitId);
    const unit = await this.db.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit || unit.withdrawnAt) throw new NotFound('unit', unitId);
    return unit;
  }

  private async subject(unit: Unit): Promise<EvidenceReportSubject> {
    return {
      organisation: await reportOrganisation(this.db, unit.organisationId),
      unit: { name: unit.name, code: unit.code },
      generatedAt: new Date(),
    };
  }

  /**
   * Renders (no transaction open), then stores the file, the item or its next version, audited.
   * With `unlessPresentFor`, stores nothing when that survey's evidence appeared meanwhile.
   */
  private async publish(actorId: string | null, g: GeneratedEvidence): Promise<EvidenceOutcome>;
  private async publish(
    actorId: string | null,
    g: GeneratedEvidence,
    unlessPresentFor: SatisfactionSurvey,
  ): Promise<EvidenceOutcome | 'present'>;
  private async publish(
    actorId: string | null,
    g: GeneratedEvidence,
    unlessPresentFor?: SatisfactionSurvey,
  ): Promise<EvidenceOutcome | 'present'> {
    const clauses = await resolveClauses(this.db.manager, g.unit.id, g.clauses);
    const rendered = await renderDocument(this.renderer, g.document);
    const pending = await this.store.putStream(Readable.from([rendered.pdf]));
    try {
      return await this.db.transaction(async (m) => {
        // Two publications for one unit queue up here, so one origin never gets two items.
        await lockRow(m, Unit, g.unit.id);
        if (unlessPresentFor && (await hasSurveyEvidence(m, unlessPresentFor))) return 'present';
        const repo = m.getRepository(Evidence);
        const existing = await repo.findOneBy({
          unitId: g.unit.id,
          reference: g.marker,
          withdrawnAt: IsNull(),
        });
        const evidence = existing
          ? await this.resubmit(m, existing, g.title)
          : await repo.save(
              repo.create({
                unitId: g.unit.id,
                title: g.title,
                description: g.description,
                reference: g.marker,
                validUntil: null,
                status: 'submitted',
                reviewReason: null,
                reviewedById: null,
                reviewedAt: null,
                clauses,
                createdById: actorId,
                withdrawnAt: null,
              }),
            );
        const number =
          Number(
            (await m
              .getRepository(EvidenceVersion)
              .maximum('number', { evidenceId: evidence.id })) ?? 0,
          ) + 1;
        const versions = m.getRepository(EvidenceVersion);
        const version = await versions.save(
          versions.create({
            evidenceId: evidence.id,
            number,
            sha256: pending.sha256,
            size: pending.size,
            mediaType: PDF_TYPE,
            originalName: g.fileName,
            uploadedById: actorId,
            uploadedAt: new Date(),
          }),
        );
        const file = {
          number: version.number,
          sha256: version.sha256,
          size: version.size,
          mediaType: version.mediaType,
          originalName: version.originalName,
        };
        await recordAudit(m, {
          actorId,
          action: existing ? 'evidence.version_add' : 'evidence.create',
          entity: 'evidence',
          entityId: evidence.id,
          unitId: g.unit.id,
          organisationId: g.unit.organisationId,
          changes: existing
            ? {
                version: { before: number - 1, after: file },
                status: { before: existing.status, after: 'submitted' },
                title: { before: existing.title, after: g.title },
              }
            : {
                title: { before: null, after: g.title },
                reference: { before: null, after: g.marker },
                status: { before: null, after: 'submitted' },
                clauses: { before: null, after: clauses.map((c) => c.number) },
                version: { before: null, after: file },
              },
        });
        await this.readiness.unitsChanged(m, g.unit.id);
        await this.store.commit(pending);
        return { evidenceId: evidence.id, version: number, missing: null };
      });
    } finally {
      await this.store.discard(pending);
    }
  }

  /** A new report replaces the old one: the item is submitted again for the assessor's review. */
  private async resubmit(m: EntityManager, e: Evidence, title: string): Promise<Evidence> {
    await lockRow(m, Evidence, e.id);
    await m
      .getRepository(Evidence)
      .update(
        { id: e.id },
        { title, status: 'submitted', reviewReason: null, reviewedById: null, reviewedAt: null },
      );
    return e;
  }
}

/**
 * Whether a survey's report is stored for its latest import: an item of its origin (withdrawn
 * ones count: a withdrawal is the assessor's decision) with a version made since the survey
 * was last written.
 */
export async function hasSurveyEvidence(
  m: EntityManager,
  survey: Pick<SatisfactionSurvey, 'id' | 'unitId' | 'updatedAt'>,
): Promise<boolean> {
  const items = await m.getRepository(Evidence).find({
    select: { id: true },
    where: { unitId: survey.unitId, reference: surveyMarker(survey.id) },
  });
  if (items.length === 0) return false;
  const versions = await m.getRepository(EvidenceVersion).find({
    select: { id: true, uploadedAt: true },
    where: { evidenceId: In(items.map((e) => e.id)) },
  });
  return versions.some((v) => v.uploadedAt.getTime() >= survey.updatedAt.getTime());
}
