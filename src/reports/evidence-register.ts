import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { formatDateId, formatDateTimeWita } from '../common/dates.js';
import { MAX_PAGE_SIZE } from '../common/pagination.js';
import { EvidenceService, type EvidenceView } from '../evidence/evidence.service.js';
import { formatBytes } from '../common/numbers.js';
import type { Language } from '../i18n/i18n.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';
import { clauseSortKey } from '../standards/standard-rules.js';
import {
  composeDocument,
  reportOrganisation,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import type { RegisterTable } from './register-file.js';
import type { ReportTemplates } from './report-templates.js';

/** Every evidence item of a unit (the list is paginated; a register is not). */
export async function allEvidence(
  evidence: EvidenceService,
  me: Principal,
  unitId: string,
  withdrawn: boolean,
): Promise<EvidenceView[]> {
  const items: EvidenceView[] = [];
  for (let page = 1; ; page++) {
    const result = await evidence.list(me, unitId, { page, pageSize: MAX_PAGE_SIZE, withdrawn });
    items.push(...result.items);
    if (result.items.length === 0 || items.length >= result.total) break;
  }
  // Registers read by clause: first clause in natural order, then title. Each item's clause key
  // is worked out once, not once per comparison.
  const keyed = items.map((e) => ({ e, clause: clauseSortKey(e.clauses[0]?.number ?? '') }));
  keyed.sort(
    (a, b) =>
      (a.clause < b.clause ? -1 : a.clause > b.clause ? 1 : 0) ||
      a.e.title.localeCompare(b.e.title, 'id') ||
      a.e.id.localeCompare(b.e.id),
  );
  return keyed.map(({ e }) => e);
}

/** Rows of the evidence table partial (gap report section and the register itself). */
export function evidenceRows(items: readonly EvidenceView[], lang: Language) {
  const t = textIn(lang);
  return items.map((e, i) => {
    const v = e.latestVersion;
    const review = e.review
      ? [
          e.review.reason,
          e.review.reviewedBy && e.review.reviewedAt
            ? t('report.evidence.reviewed_by', {
                name: e.review.reviewedBy.displayName,
                date: formatDateId(e.review.reviewedAt, lang),
              })
            : null,
        ]
          .filter(Boolean)
          .join(' — ')
      : null;
    return {
      no: i + 1,
      title: e.title,
      reference: e.reference,
      clauses: e.clauses.map((c) => c.number).join(', '),
      file: v
        ? {
            version: t('report.evidence.version_line', {
              number: v.number,
              size: formatBytes(v.size, lang),
            }),
            name: v.originalName,
            uploaded: t('report.evidence.uploaded', { date: formatDateId(v.uploadedAt, lang) }),
          }
        : null,
      noFile: v ? null : t('report.evidence.no_file'),
      // Two halves of 32 hex digits: one fingerprint, legible and comparable by eye.
      hash: v ? [v.sha256.slice(0, 32), v.sha256.slice(32)] : null,
      status: e.status,
      statusText: t(`report.evidence.status.${e.status}`),
      review: review || null,
      validUntil: e.validUntil,
      noExpiry: e.validUntil ? null : t('report.evidence.no_expiry'),
      expired: e.expired,
      withdrawn: e.withdrawnAt
        ? t('report.evidence.withdrawn', { date: formatDateId(e.withdrawnAt, lang) })
        : null,
    };
  });
}

export interface EvidenceRegisterData {
  organisation: ReportOrganisation;
  unit: UnitView;
  /** Every item, withdrawn ones included (marked). */
  evidence: EvidenceView[];
  dataAsOf: Date;
}

/** The evidence register of a unit: data for the caller (unit scope), then PDF, CSV or XLSX. */
@Injectable()
export class EvidenceRegisterBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evidence: EvidenceService,
    private readonly organisations: OrganisationsService,
  ) {}

  async build(me: Principal, unitId: string): Promise<EvidenceRegisterData> {
    const dataAsOf = new Date();
    const unit = await this.organisations.unit(me, unitId);
    return {
      organisation: await reportOrganisation(this.db, unit.organisationId),
      unit,
      evidence: await allEvidence(this.evidence, me, unit.id, true),
      dataAsOf,
    };
  }
}

function counts(items: readonly EvidenceView[]) {
  const current = items.filter((e) => !e.withdrawnAt);
  const status = (s: EvidenceView['status']) => current.filter((e) => e.status === s).length;
  return {
    total: items.length,
    accepted: status('accepted'),
    submitted: status('submitted'),
    rejected: status('rejected'),
    expired: current.filter((e) => e.expired).length,
    withdrawn: items.length - current.length,
  };
}

export function evidenceRegisterDocument(
  templates: ReportTemplates,
  data: EvidenceRegisterData,
  generatedAt: Date,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  const title = `${t('report.evidence.title')} — ${data.unit.name}`;
  const context = {
    draft: false,
    heading: {
      organisation: data.organisation.name,
      kind: t('report.evidence.kind'),
      title: t('report.evidence.title'),
      subject: data.unit.name,
      facts: [
        { label: t('report.gap.unit'), value: data.unit.name },
        { label: t('report.gap.organisation'), value: data.organisation.name },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
      ],
    },
    summary: t('report.evidence.counts', counts(data.evidence)),
    table: {
      rows: evidenceRows(data.evidence, lang),
      empty: data.evidence.length ? null : t('report.evidence.empty'),
    },
  };
  return composeDocument(
    templates,
    'evidence-register',
    context,
    { subject: data.unit.name, reportNumber: null, generatedAt, dataAsOf: data.dataAsOf },
    { title, author: data.organisation.name, subject: t('report.evidence.kind') },
    lang,
  );
}

/** An instant as 'YYYY-MM-DD HH:mm' in WITA (UTC+8, no daylight saving): sortable in a spreadsheet. */
const witaStamp = (date: Date | null): string | null =>
  date
    ? new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')
    : null;

/** The register as a table: the CSV and the workbook are written from it (register-file.ts). */
export function evidenceRegisterTable(data: EvidenceRegisterData, lang: Language): RegisterTable {
  const t = textIn(lang);
  const yesNo = (v: boolean) => t(v ? 'report.evidence.yes' : 'report.evidence.no_value');
  const columns: [string, number][] = [
    [t('report.evidence.no'), 6],
    [t('report.evidence.item'), 48],
    [t('report.evidence.reference'), 24],
    [t('report.evidence.clauses'), 16],
    [t('report.evidence.version'), 8],
    [t('report.evidence.file_name'), 32],
    [t('report.evidence.media_type'), 24],
    [t('report.evidence.size_bytes'), 12],
    [t('report.evidence.hash'), 66],
    [`${t('report.evidence.uploaded_at')} (WITA)`, 18],
    [t('report.status'), 18],
    [t('report.evidence.reason'), 40],
    [t('report.evidence.reviewer'), 28],
    [`${t('report.evidence.reviewed_at')} (WITA)`, 18],
    [t('report.evidence.valid_until'), 14],
    [t('report.evidence.expired_column'), 12],
    [`${t('report.evidence.withdrawn_at')} (WITA)`, 18],
  ];
  const rows = data.evidence.map((e, i) => {
    const v = e.latestVersion;
    return [
      i + 1,
      e.title,
      e.reference,
      e.clauses.map((c) => c.number).join(', '),
      v ? v.number : null,
      v ? v.originalName : null,
      v ? v.mediaType : null,
      v ? v.size : null,
      v ? v.sha256 : null,
      witaStamp(v ? v.uploadedAt : null),
      t(`report.evidence.status.${e.status}`),
      e.review?.reason ?? null,
      e.review?.reviewedBy?.displayName ?? null,
      witaStamp(e.review?.reviewedAt ?? null),
      e.validUntil,
      yesNo(e.expired),
      witaStamp(e.withdrawnAt),
    ];
  });
  return {
    fileBase: `${t('report.evidence.file')}-${data.unit.code}`,
    title: `${t('report.evidence.title')} — ${data.unit.name}`,
    sheet: t('report.evidence.sheet'),
    dataAsOf: data.dataAsOf,
    columns: columns.map(([header, width]) => ({ header, width })),
    rows,
  };
}
