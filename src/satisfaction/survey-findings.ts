import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { FindingOrigin } from '../findings/finding-origin.entity.js';
import type { FindingDetailView } from '../findings/finding-views.js';
import { FindingsService } from '../findings/findings.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { SatisfactionService } from './satisfaction.service.js';
import { formatIkm } from './survey-views.js';

/**
 * One click from a survey to the opportunity for improvement its lowest elements suggest: a
 * finding (grade improvement, clause 9.1.2) in the unit's current assessment, linked to the survey.
 */
@Injectable()
export class SurveyFindings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly surveys: SatisfactionService,
    private readonly findings: FindingsService,
  ) {}

  async raise(me: Principal, surveyId: string, lang: Language): Promise<FindingDetailView> {
    const survey = await this.surveys.get(me, surveyId, lang);
    const assessmentId = await this.findings.currentAssessmentOf(me, survey.unitId);
    const lowest = survey.elements
      .filter((e) => survey.lowest.includes(e.code))
      .map((e) => `${e.name} (NRR ${formatIkm(e.nrr, lang)})`)
      .join(', ');
    return this.db.transaction(async (m) => {
      const finding = await this.findings.record(
        me,
        assessmentId,
        {
          clause: '9.1.2',
          grade: 'improvement',
          statement: translate(lang, 'survey.finding_statement', {
            period: survey.period,
            lowest,
          }),
          objectiveEvidence: translate(lang, 'survey.finding_evidence', {
            period: survey.period,
            ikm: formatIkm(survey.ikm, lang),
            grade: survey.grade,
            respondents: survey.respondents,
          }),
        },
        m,
      );
      await m.getRepository(FindingOrigin).insert({
        findingId: finding.id,
        kind: 'satisfaction_survey',
        refId: surveyId,
        ref: `SKM ${survey.period}`,
      });
      return finding;
    });
  }
}
