import { Injectable } from '@nestjs/common';
import type { AssessmentSummaryView } from '../assessments/assessment-views.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { RATINGS } from '../assessments/assessment-types.js';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { acceptsPlan } from '../findings/finding-rules.js';
import { FINDING_GRADES } from '../findings/finding-types.js';
import { FindingsService } from '../findings/findings.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { IssuedReportsService } from '../reports/issued-reports.service.js';
import { formatBytes } from '../common/numbers.js';
import { isAssignedAssessor, listsOnlyAssignedCycles } from '../auth/principal-rules.js';

/** Data of the assessment workspace and the finding page, from the services that own it. */
@Injectable()
export class WorkPage {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly findings: FindingsService,
    private readonly issuedReports: IssuedReportsService,
  ) {}

  async assessmentsOf(me: Principal): Promise<(AssessmentSummaryView & { unitName: string })[]> {
    const rows = await this.assessments.listVisible(me);
    return listsOnlyAssignedCycles(me)
      ? rows.filter((a) => isAssignedAssessor(me, a.assessors))
      : rows;
  }

  async assessment(me: Principal, id: string, lang: Language) {
    const assessment = await this.assessments.detail(me, id);
    const findings = await this.findings.list(me, id);
    const reports = (await this.issuedReports.forAssessment(me, id)).map((r) => ({
      ...r,
      line: translate(lang, 'report.issued_line', {
        pages: r.pages,
        size: formatBytes(r.size, lang),
      }),
    }));
    const assigned = isAssignedAssessor(me, assessment.assessors);
    const open = assessment.state !== 'reported';
    return {
      assessment,
      clauses: assessment.clauses.map((c) => ({ ...c, titleText: c.title[lang] })),
      findings,
      ratings: RATINGS,
      grades: FINDING_GRADES,
      canRate: assigned && open,
      canRecord: assigned && open,
      canIssue: assigned && open,
      canManage: can(me, 'assessments.manage'),
      reports,
    };
  }

  async finding(me: Principal, id: string, lang: Language) {
    const finding = await this.findings.detail(me, id);
    return {
      finding,
      clauseTitle: finding.clause.title[lang],
      canPlan: can(me, 'findings.respond') && acceptsPlan(finding),
      transitions: finding.allowedTransitions,
      ca: finding.correctiveAction ?? {
        correction: null,
        rootCause: null,
        action: null,
        owner: null,
        dueOn: null,
        plannedAt: null,
        implementedAt: null,
        verifiedAt: null,
        closedAt: null,
      },
    };
  }
}
