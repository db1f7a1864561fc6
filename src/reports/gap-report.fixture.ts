import type { Rating } from '../assessments/assessment-types.js';
import type { ClauseRatingView } from '../assessments/assessment-views.js';
import { ratingCounts } from '../assessments/assessment-views.js';
import type { EvidenceView } from '../evidence/evidence.service.js';
import type { FindingView } from '../findings/finding-views.js';
import { isNonconformity } from '../findings/finding-rules.js';
import { unitReadiness } from '../readiness/readiness.js';
import type { ClauseNode } from '../standards/clause-tree.js';
import type { GapReportData } from './gap-report.js';

/*
 * A small, fixed gap report for tests that need one without a database (templates, renderer):
 * two clause groups, three findings, evidence. `text` goes into every user-written field, so a
 * test can put hostile markup everywhere at once; `evidenceItems` makes the document longer.
 */

export interface FixtureOptions {
  text?: string;
  evidenceItems?: number;
  /** Every leaf not assessed: the empty states. */
  unrated?: boolean;
}

const AT = new Date('2026-11-20T01:00:00Z');

const node = (
  number: string,
  id: string,
  en: string,
  children: ClauseNode[] = [],
  docs = false,
): ClauseNode => ({
  id: `clause-${number}`,
  number,
  title: { id, en },
  guidance: null,
  expectedEvidence: null,
  documentedInformation: docs ? ['retain'] : [],
  leaf: children.length === 0,
  children,
});

export function gapReportFixture(options: FixtureOptions = {}): GapReportData {
  const text = options.text ?? 'Catatan asesor';
  const tree = [
    node('7', 'Dukungan', 'Support', [
      node('7.1', 'Sumber daya', 'Resources', [
        node('7.1.5.2', 'Ketertelusuran pengukuran', 'Measurement traceability', [], true),
        node('7.1.6', 'Pengetahuan organisasi', 'Organizational knowledge'),
      ]),
      node(
        '7.5.3',
        'Pengendalian informasi terdokumentasi',
        'Control of documented information',
        [],
        true,
      ),
    ]),
    node('9', 'Evaluasi kinerja', 'Performance evaluation', [
      node('9.2', 'Audit internal', 'Internal audit', [], true),
      node('9.3', 'Tinjauan manajemen', 'Management review', [], true),
    ]),
  ];
  const leaves: [string, Rating, boolean][] = [
    ['7.1.5.2', 'met', true],
    ['7.1.6', 'partly_met', true],
    ['7.5.3', 'not_met', true],
    ['9.2', 'partly_met', true],
    ['9.3', 'not_met', false],
  ];
  const flat = (nodes: ClauseNode[]): ClauseNode[] =>
    nodes.flatMap((n) => [n, ...flat(n.children)]);
  const byNumber = new Map(flat(tree).map((n) => [n.number, n]));
  const clauses: ClauseRatingView[] = leaves.map(([number, rating, applicable]) => ({
    number,
    title: byNumber.get(number)!.title,
    documentedInformation: byNumber.get(number)!.documentedInformation,
    applicable,
    justification: applicable ? null : `${text} (justifikasi)`,
    rating: options.unrated ? 'not_assessed' : rating,
    note: `${text} ${number}`,
    updatedAt: AT,
  }));
  const summary = ratingCounts(clauses, { major: 1, minor: 1, observation: 1, improvement: 0 });

  const finding = (
    n: number,
    clause: string,
    grade: FindingView['grade'],
    overdue: boolean,
  ): FindingView => ({
    id: `finding-${n}`,
    assessmentId: 'assessment-1',
    unitId: 'unit-1',
    number: n,
    reference: `T-0${n}`,
    clause: { number: clause, title: byNumber.get(clause)!.title },
    grade,
    statement: `${text} — temuan ${n}`,
    objectiveEvidence: `${text} — bukti objektif ${n}`,
    state: 'open',
    evidence: [],
    correctiveAction: isNonconformity(grade)
      ? {
          correction: `${text} — koreksi ${n}`,
          rootCause: `${text} — akar masalah ${n}`,
          action: `${text} — tindakan ${n}`,
          owner: 'Kepala Bidang Pelayanan',
          dueOn: '2027-02-18',
          plannedAt: null,
          implementedAt: null,
          verifiedAt: null,
          closedAt: null,
        }
      : null,
    overdue,
    allowedTransitions: [],
    createdAt: AT,
    updatedAt: AT,
  });
  const findings = [
    finding(1, '7.5.3', 'major', true),
    finding(2, '9.2', 'minor', false),
    finding(3, '7.1.6', 'observation', false),
  ];

  const evidence: EvidenceView[] = Array.from({ length: options.evidenceItems ?? 3 }, (_, i) => ({
    id: `evidence-${i}`,
    unitId: 'unit-1',
    title: `${text} — bukti ${i + 1}`,
    description: null,
    reference: i % 2 ? `${text} — No. 800/${i}/DUK/2026` : null,
    validUntil: i % 3 === 0 ? '2027-12-31' : null,
    status: (['accepted', 'submitted', 'rejected'] as const)[i % 3],
    expired: false,
    present: i % 3 === 0,
    review:
      i % 3 === 1
        ? null
        : {
            reason: i % 3 === 2 ? `${text} — alasan` : null,
            reviewedBy: { id: 'u', displayName: 'Asesor Uji' },
            reviewedAt: AT,
          },
    clauses: [
      {
        number: leaves[i % leaves.length][0],
        title: byNumber.get(leaves[i % leaves.length][0])!.title,
      },
    ],
    versionCount: 1,
    latestVersion: {
      number: 1,
      sha256: (i.toString(16).padStart(2, '0') + 'ab').repeat(16),
      size: 123_456 + i,
      mediaType: 'application/pdf',
      originalName: `${text}-${i}.pdf`,
      uploadedAt: AT,
      uploadedBy: null,
      downloadUrl: `/api/evidence/evidence-${i}/versions/1/file`,
    },
    createdBy: null,
    createdAt: AT,
    updatedAt: AT,
    withdrawnAt: null,
  }));

  const readiness = unitReadiness({
    clauses: flat(tree).map((n) => ({
      number: n.number,
      parentNumber: flat(tree).find((p) => p.children.includes(n))?.number ?? null,
      isLeaf: n.leaf,
      maintainsDocuments: false,
      retainsRecords: n.documentedInformation.length > 0,
    })),
    ratings: clauses.map((c) => ({
      clauseNumber: c.number,
      applicable: c.applicable,
      rating: c.rating,
    })),
    evidence: [],
    findings: findings.map((f) => ({
      clauseNumber: f.clause.number,
      grade: f.grade,
      state: f.state,
      dueOn: f.correctiveAction?.dueOn ?? null,
    })),
    today: '2026-11-20',
  });

  return {
    organisation: {
      id: 'org-1',
      code: 'kota-kupang',
      name: 'Pemerintah Kota Kupang',
      reportPrefix: 'KPG',
    },
    unit: {
      id: 'unit-1',
      organisationId: 'org-1',
      code: 'DUKCAPIL',
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      shortName: 'Dukcapil',
      description: null,
      withdrawnAt: null,
    },
    assessment: {
      id: 'assessment-1',
      unitId: 'unit-1',
      standard: 'iso-9001-2015',
      type: 'gap_assessment',
      title: `${text} — Gap assessment 2026`,
      startsOn: '2026-11-16',
      endsOn: '2026-11-20',
      state: 'in_progress',
      previousAssessmentId: null,
      current: true,
      assessors: [
        { id: 'assessor-1', username: 'assessor', displayName: 'Ir. Rina Kusumawardani, M.T.' },
      ],
      createdAt: AT,
      updatedAt: AT,
      unit: {
        id: 'unit-1',
        code: 'DUKCAPIL',
        name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      },
      standardTitle: {
        id: 'SNI ISO 9001:2015 Sistem manajemen mutu',
        en: 'ISO 9001:2015 Quality management systems',
      },
      scope: `${text} — ruang lingkup`,
      summary,
      clauses,
    },
    readiness: {
      unitId: 'unit-1',
      code: 'DUKCAPIL',
      name: 'Dinas Kependudukan dan Pencatatan Sipil Kota Kupang',
      assessmentId: 'assessment-1',
      asOf: '2026-11-20',
      score: readiness.score,
      percent: readiness.percent,
      ready: readiness.ready,
      blockers: readiness.blockers,
      groups: readiness.groups,
      documentedInformation: readiness.documentedInformation,
      overdueActions: readiness.overdueActions,
      counts: readiness.counts,
    },
    clauseTree: tree,
    findings,
    evidence,
    dataAsOf: AT,
  };
}
