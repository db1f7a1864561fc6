import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { formatDateId, formatDateTimeWita } from '../common/dates.js';
import type { DocumentDetail } from '../documents/document-views.js';
import { DocumentsService } from '../documents/documents.service.js';
import type { Language } from '../i18n/i18n.js';
import { OrganisationsService, type UnitView } from '../organisations/organisations.service.js';
import type { RegisterTable } from './register-file.js';
import {
  composeDocument,
  reportOrganisation,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import type { ReportTemplates } from './report-templates.js';

/**
 * The master list of controlled documents (Daftar Induk Dokumen, ISO 9001 7.5.3): every document
 * of a unit with its effective revision, owner and next review; obsolete revisions listed apart,
 * each stamped "TIDAK BERLAKU" so that a printout cannot pass one off as current.
 */
export interface DocumentRegisterData {
  organisation: ReportOrganisation;
  unit: UnitView;
  documents: DocumentDetail[];
  dataAsOf: Date;
}

@Injectable()
export class DocumentRegisterBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly documents: DocumentsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async build(me: Principal, unitId: string): Promise<DocumentRegisterData> {
    const dataAsOf = new Date();
    const unit = await this.organisations.unit(me, unitId);
    return {
      organisation: await reportOrganisation(this.db, unit.organisationId),
      unit,
      documents: await this.documents.register(me, unit.id),
      dataAsOf,
    };
  }
}

/** Rows of the master-list table (its own report and the gap report's section). */
export function documentRows(documents: readonly DocumentDetail[], lang: Language) {
  const t = textIn(lang);
  return documents.map((d, i) => ({
    no: i + 1,
    number: d.number,
    title: d.title,
    type: t(`document.type.${d.type}`),
    owner: d.owner,
    clauses: d.clauses.map((c) => c.number).join(', '),
    revision: d.effectiveRevision
      ? t('report.documents.revision_line', {
          number: d.effectiveRevision.number,
          date: formatDateId(d.effectiveRevision.effectiveFrom, lang),
        })
      : null,
    nextReview: d.nextReviewOn,
    reviewDue: d.reviewOverdue
      ? t('report.documents.review_overdue')
      : d.reviewDue
        ? t('report.documents.review_due')
        : null,
    state: d.state,
    stateText: t(`document.state.${d.state}`),
    rejection: d.rejection ? t('report.documents.rejected', { reason: d.rejection.reason }) : null,
  }));
}

/** Superseded and withdrawn revisions, for the "TIDAK BERLAKU" list. */
export function obsoleteRows(documents: readonly DocumentDetail[], lang: Language) {
  const t = textIn(lang);
  return documents.flatMap((d) =>
    d.revisions
      .filter((r) => r.obsolete)
      .map((r) => ({
        number: d.number,
        title: d.title,
        revision: r.number,
        summary: r.summary,
        stateText: t(`document.state.${r.state}`),
        period: [
          r.effectiveFrom ? formatDateId(r.effectiveFrom, lang) : '—',
          r.endedAt ? formatDateId(r.endedAt, lang) : '—',
        ].join(' – '),
      })),
  );
}

const counts = (documents: readonly DocumentDetail[]) => ({
  total: documents.length,
  effective: documents.filter((d) => d.state === 'effective').length,
  due: documents.filter((d) => d.reviewDue).length,
  obsolete: documents.reduce((n, d) => n + d.revisions.filter((r) => r.obsolete).length, 0),
});

export function documentRegisterDocument(
  templates: ReportTemplates,
  data: DocumentRegisterData,
  generatedAt: Date,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  const context = {
    draft: false,
    heading: {
      organisation: data.organisation.name,
      kind: t('report.documents.kind'),
      title: t('report.documents.title'),
      subject: data.unit.name,
      facts: [
        { label: t('report.gap.unit'), value: data.unit.name },
        { label: t('report.gap.organisation'), value: data.organisation.name },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
      ],
    },
    summary: t('report.documents.counts', counts(data.documents)),
    table: {
      rows: documentRows(data.documents, lang),
      empty: data.documents.length ? null : t('report.documents.empty'),
    },
    obsolete: obsoleteRows(data.documents, lang),
  };
  return composeDocument(
    templates,
    'document-register',
    context,
    { subject: data.unit.name, reportNumber: null, generatedAt, dataAsOf: data.dataAsOf },
    {
      title: `${t('report.documents.title')} — ${data.unit.name}`,
      author: data.organisation.name,
      subject: t('report.documents.kind'),
    },
    lang,
  );
}

/** The master list as a table: the CSV and the workbook are written from it (register-file.ts). */
export function documentRegisterTable(data: DocumentRegisterData, lang: Language): RegisterTable {
  const t = textIn(lang);
  const columns: [string, number][] = [
    [t('report.evidence.no'), 6],
    [t('report.documents.number'), 22],
    [t('report.documents.document'), 48],
    [t('report.documents.type'), 18],
    [t('report.evidence.clauses'), 16],
    [t('report.documents.owner'), 28],
    [t('report.documents.effective_revision'), 10],
    [t('report.documents.effective_from'), 14],
    [t('report.documents.next_review'), 14],
    [t('report.status'), 16],
    [t('report.documents.assessor_note'), 40],
  ];
  const rows = data.documents.map((d, i) => [
    i + 1,
    d.number,
    d.title,
    t(`document.type.${d.type}`),
    d.clauses.map((c) => c.number).join(', '),
    d.owner,
    d.effectiveRevision?.number ?? null,
    d.effectiveRevision?.effectiveFrom ?? null,
    d.nextReviewOn,
    t(`document.state.${d.state}`),
    d.rejection?.reason ?? null,
  ]);
  return {
    fileBase: `${t('report.documents.file')}-${data.unit.code}`,
    title: `${t('report.documents.title')} — ${data.unit.name}`,
    sheet: t('report.documents.sheet'),
    dataAsOf: data.dataAsOf,
    columns: columns.map(([header, width]) => ({ header, width })),
    rows,
  };
}
