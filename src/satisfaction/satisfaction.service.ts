import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ImportTooLarge } from '../assessments/assessment-errors.js';
import { recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { NotFound } from '../common/domain-error.js';
import type { IncomingFile } from '../common/incoming-file.js';
import type { Language } from '../i18n/i18n.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { parseDecimal } from './ikm.js';
import { SatisfactionSurvey } from './satisfaction-survey.entity.js';
import { isOn, type ImportSurveyQuery } from './satisfaction.dto.js';
import {
  buildSurvey,
  readCsvTable,
  readXlsxTable,
  requirePeriod,
  SURVEY_LIMIT_BYTES,
  XLSX_TYPE,
  type BuiltSurvey,
  type SurveyFileType,
} from './survey-import.js';
import { SurveyError } from './survey-errors.js';
import { surveySummary, surveyView, type SurveySummary, type SurveyView } from './survey-views.js';
import { isUniqueViolation } from '../database/unique-violation.js';
import { SurveyEvidencePort, type EvidenceOutcome } from './survey-evidence-port.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];

export interface ImportResult extends SurveyView {
  dryRun: boolean;
  replaced: boolean;
  /** The survey report stored as evidence for 9.1.2 (null on a dry run). */
  evidence: EvidenceOutcome | null;
}

/** Writes a built survey for a unit, refusing a duplicate unless asked to replace it; audited. */
export async function storeSurvey(
  m: EntityManager,
  unit: Pick<Unit, 'id' | 'organisationId'>,
  built: BuiltSurvey,
  options: {
    actorId: string | null;
    fileType: SurveyFileType;
    label: string | null;
    replace: boolean;
  },
): Promise<{ survey: SatisfactionSurvey; replaced: boolean }> {
  const repo = m.getRepository(SatisfactionSurvey);
  const sameFile = await repo.findOneBy({ unitId: unit.id, fileSha256: built.fileSha256 });
  const samePeriod = await repo.findOneBy({ unitId: unit.id, period: built.period });
  const existing = sameFile ?? samePeriod;
  if (existing && !options.replace) {
    if (sameFile) throw new SurveyError('survey_duplicate_file', { period: sameFile.period });
    throw new SurveyError('survey_period_exists', { period: built.period });
  }
  if (sameFile && samePeriod && sameFile.id !== samePeriod.id)
    throw new SurveyError('survey_replace_ambiguous', {
      period: built.period,
      other: sameFile.period,
    });
  const fields = {
    unitId: unit.id,
    period: built.period,
    periodEndsOn: built.periodEndsOn,
    source: built.source,
    respondents: built.result.respondents,
    ikmHundredths: Math.round(built.result.ikm * 100),
    grade: built.result.grade,
    reportedIkmHundredths: built.reportedIkmHundredths,
    elements: built.result.elements,
    byService: built.result.byService,
    profile: built.profile,
    label: options.label,
    fileSha256: built.fileSha256,
    fileType: options.fileType,
    importedById: options.actorId,
  };
  const before = existing
    ? {
        period: existing.period,
        respondents: existing.respondents,
        ikm: existing.ikmHundredths / 100,
        sha256: existing.fileSha256,
      }
    : null;
  let survey: SatisfactionSurvey;
  try {
    survey = await repo.save(existing ? repo.merge(existing, fields) : repo.create(fields));
  } catch (error) {
    // Another import of the same file or period committed between our check and this write.
    if (isUniqueViolation(error)) throw new SurveyError('survey_concurrent_import');
    throw error;
  }
  const after = {
    period: survey.period,
    respondents: survey.respondents,
    ikm: survey.ikmHundredths / 100,
    sha256: survey.fileSha256,
  };
  await recordAudit(m, {
    actorId: options.actorId,
    action: existing ? 'satisfaction_survey.replace' : 'satisfaction_survey.import',
    entity: 'satisfaction_survey',
    entityId: survey.id,
    organisationId: unit.organisationId,
    unitId: unit.id,
    changes: Object.fromEntries(
      Object.entries(after).map(([k, v]) => [
        k,
        { before: before?.[k as keyof typeof before] ?? null, after: v },
      ]),
    ),
  });
  return { survey, replaced: Boolean(existing) };
}

@Injectable()
export class SatisfactionService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
    private readonly modules: ModuleRef,
  ) {}

  /**
   * A survey file (the request body: CSV or XLSX) for a unit and period, all or nothing. With
   * dryRun nothing is stored, but every check (including the duplicate) runs.
   */
  async import(
    me: Principal,
    unitId: string,
    query: ImportSurveyQuery,
    file: IncomingFile,
    lang: Language,
  ): Promise<ImportResult> {
    // Refuse what we can before reading a byte of the upload.
    await this.scope.requireUnit(me, unitId);
    requirePeriod(query.period);
    const type: SurveyFileType | null = file.is(CSV_TYPES)
      ? 'csv'
      : file.is([XLSX_TYPE, 'application/octet-stream'])
        ? 'xlsx'
        : null;
    if (!type)
      throw new SurveyError('survey_unsupported_type', {
        expected: `text/csv, ${XLSX_TYPE}`,
      });
    const bytes = await file.read(SURVEY_LIMIT_BYTES, (limit) => new ImportTooLarge(limit));
    const table = type === 'csv' ? readCsvTable(bytes) : await readXlsxTable(bytes);
    const reported = query.reportedIkm ? parseDecimal(query.reportedIkm) : null;
    const built = buildSurvey(table, query.period, bytes, reported);
    const replace = isOn(query.replace);
    const dryRun = isOn(query.dryRun);
    const result = await this.db
      .transaction(async (m) => {
        const unit = await m.getRepository(Unit).findOneByOrFail({ id: unitId });
        const { survey, replaced } = await storeSurvey(m, unit, built, {
          actorId: me.id,
          fileType: type,
          label: null,
          replace,
        });
        const view = { ...surveyView(survey, lang), dryRun, replaced, evidence: null };
        // A survey can lift (or, replaced by an older period, bring back) the yearly-survey blocker.
        if (!dryRun) await this.readiness.unitsChanged(m, unitId);
        // A dry run goes through every check, then leaves nothing behind.
        if (dryRun) throw new DryRunDone({ ...view, id: null, importedAt: null });
        return view;
      })
      .catch((error: unknown) => {
        if (error instanceof DryRunDone) return error.result;
        throw error;
      });
    if (dryRun || !result.id) return result;
    // The report PDF is rendered after the survey committed (a render takes seconds).
    return { ...result, evidence: await this.evidenceFor(me, result.id, lang) };
  }

  private async evidenceFor(me: Principal, surveyId: string, lang: Language) {
    let port: SurveyEvidencePort;
    try {
      port = this.modules.get(SurveyEvidencePort, { strict: false });
    } catch {
      return { evidenceId: null, version: null, missing: 'evidence_unavailable' };
    }
    return port.afterImport(me, surveyId, lang);
  }

  async list(me: Principal, unitId: string): Promise<SurveySummary[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db
      .getRepository(SatisfactionSurvey)
      .find({ where: { unitId }, order: { periodEndsOn: 'DESC', period: 'DESC' } });
    return rows.map(surveySummary);
  }

  async get(me: Principal, id: string, lang: Language): Promise<SurveyView> {
    const units = await this.scope.visibleUnitIds(me);
    const survey =
      units.length === 0
        ? null
        : await this.db.getRepository(SatisfactionSurvey).findOneBy({ id, unitId: In(units) });
    if (!survey) throw new NotFound('satisfaction_survey', id);
    return surveyView(survey, lang);
  }

  /** The unit's surveys, oldest first, for the trend on its page. */
  async history(me: Principal, unitId: string): Promise<SatisfactionSurvey[]> {
    await this.scope.requireUnit(me, unitId);
    return this.db
      .getRepository(SatisfactionSurvey)
      .find({ where: { unitId }, order: { periodEndsOn: 'ASC', period: 'ASC' } });
  }
}

/** Unwinds a dry run's transaction, carrying what the import would have answered. */
class DryRunDone extends Error {
  constructor(readonly result: ImportResult) {
    super('dry run');
  }
}
