import { Inject, Injectable } from '@nestjs/common';
import { ComplaintsService } from '../complaints/complaints.service.js';
import { AssessmentsService } from '../assessments/assessments.service.js';
import { can } from '../auth/permissions.js';
import { overseesOrganisation } from '../auth/principal-rules.js';
import type { Principal } from '../auth/principal.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { EvidenceService, type EvidenceView } from '../evidence/evidence.service.js';
import type { IncomingUpload } from '../evidence/upload-intake.js';
import { isNonconformity } from '../findings/finding-rules.js';
import { FindingsService } from '../findings/findings.service.js';
import type { FindingView } from '../findings/finding-views.js';
import type { Language } from '../i18n/i18n.js';
import { ManagementReviewService } from '../management-review/management-review.service.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { StandardsService } from '../standards/standards.service.js';
import { DEFAULT_STANDARD_CODE } from '../standards/standard-rules.js';
import { clausesInReadingOrder } from '../standards/clause-tree.js';
import { blockerList } from './blocker-list.js';
import { runForm, type FormError } from './forms.js';

export interface ChecklistRow {
  number: string;
  title: string;
  depth: number;
  leaf: boolean;
  expected: string[];
  rating: string | null;
  applicable: boolean;
  justification: string | null;
  note: string | null;
  evidence: { total: number; accepted: number; submitted: number; rejected: number };
  rejected: { title: string; reason: string | null }[];
  documented: boolean;
}

/**
 * templates/pages/units.hbs and unit.hbs: every unit the caller sees, and one unit's checklist with
 * its evidence upload, from the services that own each figure (one source per number).
 */
@Injectable()
export class UnitPage {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly standards: StandardsService,
    private readonly assessments: AssessmentsService,
    private readonly evidence: EvidenceService,
    private readonly findings: FindingsService,
    private readonly readiness: ReadinessService,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly complaints: ComplaintsService,
    private readonly reviews: ManagementReviewService,
  ) {}

  /** Every unit the caller may see, per organisation, with the readiness the dashboard shows. */
  async units(me: Principal) {
    return {
      organisations: await this.readinessOfOrganisations(me),
      canDashboard: overseesOrganisation(me),
    };
  }

  /** `error`: why an upload from this page was refused. */
  async unit(me: Principal, unitId: string, lang: Language, error: FormError | null = null) {
    const view = await this.build(me, unitId, lang);
    return {
      pageTitle: view.unit.name,
      ...view,
      reviewActions: await this.reviews.openActions(me, unitId),
      canCompleteActions: can(me, 'management_review.manage'),
      canSubmit: can(me, 'evidence.submit'),
      uploadLimitMb: Math.floor(this.config.uploadLimitBytes / (1024 * 1024)),
      form: null,
      error,
    };
  }

  /** Upload from the unit page: the same streamed, checked upload as the API. */
  upload(me: Principal, unitId: string, lang: Language, upload: IncomingUpload) {
    return runForm(
      lang,
      async () =>
        `/evidence/${(await this.evidence.create(me, unitId, upload)).id}?flash=evidence_uploaded`,
      (problem) => this.unit(me, unitId, lang, problem),
    );
  }

  /** Readiness of every organisation the caller sees, limited to the units they may see. */
  async readinessOfOrganisations(me: Principal) {
    const views = [];
    for (const o of await this.organisations.list(me))
      views.push(await this.readiness.organisation(me, o.id));
    return views;
  }

  async build(me: Principal, unitId: string, lang: Language) {
    const unit = await this.organisations.unit(me, unitId);
    const readiness = await this.readiness.unit(me, unitId);
    const assessment = readiness.assessmentId
      ? await this.assessments.detail(me, readiness.assessmentId)
      : null;
    const evidence = (await this.evidence.list(me, unitId, { page: 1, pageSize: 200 })).items;
    const findings: FindingView[] = assessment ? await this.findings.list(me, assessment.id) : [];
    const tree = clausesInReadingOrder(
      await this.standards.clauseTree(assessment?.standard ?? DEFAULT_STANDARD_CODE),
    );
    const ratings = new Map((assessment?.clauses ?? []).map((c) => [c.number, c]));
    const rows: ChecklistRow[] = tree.map((n) => {
      const items = evidence.filter((e) => e.clauses.some((c) => c.number === n.number));
      const r = ratings.get(n.number);
      return {
        number: n.number,
        title: n.title[lang],
        depth: Math.min(n.depth, 3),
        leaf: n.leaf,
        expected: n.expectedEvidence?.[lang] ?? [],
        rating: r ? r.rating : null,
        applicable: r ? r.applicable : true,
        justification: r?.justification ?? null,
        note: r?.note ?? null,
        evidence: {
          total: items.length,
          accepted: items.filter((e) => e.present).length,
          submitted: items.filter((e) => e.status === 'submitted').length,
          rejected: items.filter((e) => e.status === 'rejected').length,
        },
        rejected: items
          .filter((e) => e.status === 'rejected')
          .map((e: EvidenceView) => ({ title: e.title, reason: e.review?.reason ?? null })),
        documented: n.documentedInformation.length > 0,
      };
    });
    const actions = findings.filter((f) => isNonconformity(f.grade));
    const blockers = blockerList(readiness.blockers, lang);
    const complaints = await this.complaints.metrics(me, unitId, undefined, lang);
    return { unit, readiness, blockers, assessment, rows, evidence, findings, actions, complaints };
  }
}
