import { Injectable } from '@nestjs/common';
import type { AssessmentSummaryView } from '../assessments/assessment-views.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { RATINGS } from '../assessments/assessment-types.js';
import { RatingsService } from '../assessments/ratings.service.js';
import { can } from '../auth/permissions.js';
import { isAssignedAssessor, listsOnlyAssignedCycles } from '../auth/principal-rules.js';
import type { Principal } from '../auth/principal.js';
import { formatBytes } from '../common/numbers.js';
import { acceptsPlan } from '../findings/finding-rules.js';
import { FINDING_GRADES } from '../findings/finding-types.js';
import { FindingsService } from '../findings/findings.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { IssuedReportsService } from '../reports/issued/issued-reports.service.js';
import { fieldErrors, runForm, type Again, type FormBody, type Posted } from './forms.js';
import type {
  CorrectiveActionForm,
  RateClauseForm,
  RecordFindingForm,
  TransitionForm,
} from './work-forms.js';

const FINDING_FIELDS = ['clause', 'statement'];
const ACTION_FIELDS = ['correction', 'rootCause', 'action', 'owner', 'dueOn'];
const NO_ACTION = {
  correction: null,
  rootCause: null,
  action: null,
  owner: null,
  dueOn: null,
  plannedAt: null,
  implementedAt: null,
  verifiedAt: null,
  closedAt: null,
};

/**
 * templates/pages/assessment.hbs (the assessment workspace: ratings, findings, the gap report) and
 * finding.hbs (a finding and its corrective action), from the services that own them.
 */
@Injectable()
export class WorkPage {
  constructor(
    private readonly assessments: AssessmentsService,
    private readonly ratings: RatingsService,
    private readonly findings: FindingsService,
    private readonly issuedReports: IssuedReportsService,
  ) {}

  async assessmentsOf(me: Principal): Promise<(AssessmentSummaryView & { unitName: string })[]> {
    const rows = await this.assessments.listVisible(me);
    return listsOnlyAssignedCycles(me)
      ? rows.filter((a) => isAssignedAssessor(me, a.assessors))
      : rows;
  }

  /** `form`: what a refused form posted, to fill the finding form again. */
  async assessment(
    me: Principal,
    id: string,
    lang: Language,
    again: { problem: Again['problem']; form: FormBody } | null = null,
  ) {
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
      pageTitle: assessment.title,
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
      error: again?.problem ?? null,
      errors: fieldErrors(FINDING_FIELDS, again?.problem ?? null),
      form: { clause: '', grade: '', statement: '', objectiveEvidence: '', ...again?.form },
    };
  }

  rate(me: Principal, id: string, number: string, lang: Language, form: Posted<RateClauseForm>) {
    return form.submit(
      async (dto) => {
        await this.ratings.rate(me, id, number, dto);
        return `/assessments/${id}?flash=clause_rated#clause-${number}`;
      },
      ({ problem, posted }) =>
        this.assessment(me, id, lang, { problem, form: { kind: 'rating', number, ...posted } }),
    );
  }

  recordFinding(me: Principal, id: string, lang: Language, form: Posted<RecordFindingForm>) {
    return form.submit(
      async (dto) =>
        `/findings/${(await this.findings.record(me, id, dto)).id}?flash=finding_recorded`,
      ({ problem, posted }) =>
        this.assessment(me, id, lang, { problem, form: { kind: 'finding', ...posted } }),
    );
  }

  /** The final gap report; a refusal (not assigned, already reported) shows with its own status. */
  issue(me: Principal, id: string, lang: Language) {
    return runForm(
      lang,
      async () => {
        await this.issuedReports.issue(me, id, lang);
        return `/assessments/${id}?flash=report_issued`;
      },
      (problem) => this.assessment(me, id, lang, { problem, form: {} }),
      (refusal) => refusal.status,
    );
  }

  async finding(me: Principal, id: string, lang: Language, again: Again | null = null) {
    const finding = await this.findings.detail(me, id);
    return {
      pageTitle: `${finding.reference} · ${finding.clause.number}`,
      finding,
      clauseTitle: finding.clause.title[lang],
      canPlan: can(me, 'findings.respond') && acceptsPlan(finding),
      transitions: finding.allowedTransitions,
      ca: finding.correctiveAction ?? NO_ACTION,
      error: again?.problem ?? null,
      errors: fieldErrors(ACTION_FIELDS, again?.problem ?? null),
      form: { correction: '', rootCause: '', action: '', owner: '', dueOn: '', ...again?.posted },
    };
  }

  plan(me: Principal, id: string, lang: Language, form: Posted<CorrectiveActionForm>) {
    return form.submit(
      async (dto) => {
        await this.findings.plan(me, id, dto);
        return `/findings/${id}?flash=action_saved`;
      },
      (again) => this.finding(me, id, lang, again),
    );
  }

  transition(me: Principal, id: string, lang: Language, form: Posted<TransitionForm>) {
    return form.submit(
      async (dto) => {
        await this.findings.transition(me, id, dto);
        return `/findings/${id}?flash=finding_moved`;
      },
      (again) => this.finding(me, id, lang, again),
    );
  }
}
