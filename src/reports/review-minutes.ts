import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { formatDateId, formatDateTimeWita } from '../common/dates.js';
import type { Language } from '../i18n/i18n.js';
import { ManagementReviewService } from '../management-review/management-review.service.js';
import type { ReviewView } from '../management-review/review-views.js';
import {
  composeDocument,
  reportOrganisation,
  textIn,
  type ReportDocument,
  type ReportOrganisation,
} from './report-document.js';
import type { ReportTemplates } from './report-templates.js';

export interface ReviewMinutesData {
  organisation: ReportOrganisation;
  review: ReviewView;
  dataAsOf: Date;
}

/** Gathers the minutes of a management review (9.3) through the service that owns it. */
@Injectable()
export class ReviewMinutesBuilder {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reviews: ManagementReviewService,
  ) {}

  async build(
    me: Principal,
    reviewId: string,
    lang: Language,
    m: EntityManager = this.db.manager,
  ): Promise<ReviewMinutesData> {
    const dataAsOf = new Date();
    const review = await this.reviews.get(me, reviewId, lang, m);
    const unit = await m.query<{ organisation_id: string }[]>(
      ...m.connection.driver.escapeQueryWithParameters(
        'SELECT organisation_id FROM unit WHERE id = :id',
        { id: review.unitId },
      ),
    );
    return {
      organisation: await reportOrganisation(this.db, unit[0].organisation_id),
      review,
      dataAsOf,
    };
  }
}

export interface MinutesStamp {
  /** MUTU/KPG/2026/0001 when issued; null renders a draft. */
  reportNumber: string | null;
  generatedAt: Date;
}

export function reviewMinutesContext(data: ReviewMinutesData, stamp: MinutesStamp, lang: Language) {
  const t = textIn(lang);
  const r = data.review;
  const draft = stamp.reportNumber === null;
  const discussed = r.inputs.filter((i) => i.discussed).length;
  return {
    draft,
    cover: {
      organisation: data.organisation.name,
      kind: t('report.minutes.kind'),
      title: r.title,
      subtitle: t('report.standard_subtitle'),
      subject: r.unit.name,
      readiness: null,
      readinessMeter: null,
      draft,
      generatedAt: stamp.generatedAt,
      facts: [
        { label: t('report.number'), value: stamp.reportNumber ?? t('report.number_pending') },
        { label: t('report.minutes.held_on'), value: formatDateId(r.heldOn, lang) },
        { label: t('report.minutes.chair'), value: r.chair },
        {
          label: t('report.minutes.inputs_discussed'),
          value: `${discussed} / ${r.inputs.length}`,
        },
        {
          label: t('report.status'),
          value: t(r.state === 'closed' ? 'report.minutes.closed' : 'report.minutes.open'),
        },
        { label: t('report.data_as_of_label'), value: formatDateTimeWita(data.dataAsOf, lang) },
      ],
    },
    toc: {
      entries: [
        { anchor: 'attendance', number: '1', title: t('report.minutes.attendance') },
        { anchor: 'inputs', number: '2', title: t('report.minutes.inputs') },
        { anchor: 'decisions', number: '3', title: t('report.minutes.decisions') },
        { anchor: 'sign-off', number: '4', title: t('report.sign_off') },
      ],
    },
    attendance: {
      heldOn: r.heldOn,
      chair: r.chair,
      attendees: r.attendees,
      none: r.attendees.length ? null : t('report.minutes.no_attendees'),
    },
    inputs: r.inputs.map((i) => ({
      clause: i.clause,
      text: i.text,
      discussed: i.discussed,
      discussedText: t(i.discussed ? 'report.minutes.discussed' : 'report.minutes.not_discussed'),
      note: i.note,
      links: i.links.length ? t('report.minutes.links', { count: i.links.length }) : null,
    })),
    decisions: r.decisions.map((d, n) => ({
      number: n + 1,
      decision: d.decision,
      action: d.action,
      owner: d.owner,
      dueOn: d.dueOn,
      status: d.actionStatus
        ? t(`report.minutes.action_${d.overdue ? 'overdue' : d.actionStatus}`)
        : t('report.minutes.no_action'),
      overdue: d.overdue,
    })),
    noDecisions: r.decisions.length ? null : t('report.minutes.no_decisions'),
    signatories: [
      {
        role: t('report.minutes.signed_by_chair'),
        name: r.chair,
        position: r.unit.name,
        nip: null,
        date: r.state === 'closed' ? r.heldOn : null,
      },
    ],
  };
}

export function reviewMinutesDocument(
  templates: ReportTemplates,
  data: ReviewMinutesData,
  stamp: MinutesStamp,
  lang: Language,
): ReportDocument {
  const t = textIn(lang);
  return composeDocument(
    templates,
    'review-minutes',
    reviewMinutesContext(data, stamp, lang),
    {
      subject: data.review.unit.name,
      reportNumber: stamp.reportNumber,
      generatedAt: stamp.generatedAt,
      dataAsOf: data.dataAsOf,
    },
    {
      title: `${t('report.minutes.kind')} — ${data.review.unit.name}`,
      author: data.organisation.name,
      subject: data.review.title,
    },
    lang,
  );
}
