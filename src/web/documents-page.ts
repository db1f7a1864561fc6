import { Injectable } from '@nestjs/common';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { CONFIDENTIALITY, DOCUMENT_TYPES } from '../documents/document-types.js';
import type { DocumentDetail, DocumentView } from '../documents/document-views.js';
import { DocumentsService } from '../documents/documents.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import type { FormError } from './forms.js';

const stateText = (lang: Language, state: string) => translate(lang, `document.state.${state}`);

/** View models of the document pages (the master list, one document): decisions stay in services. */
@Injectable()
export class DocumentsPage {
  constructor(
    private readonly documents: DocumentsService,
    private readonly organisations: OrganisationsService,
  ) {}

  async register(
    me: Principal,
    unitId: string,
    lang: Language,
    problem: FormError | null,
    form: Record<string, unknown> = {},
  ) {
    const unit = await this.organisations.unit(me, unitId);
    const list = await this.documents.list(me, unitId);
    return {
      unit,
      documents: list.map((d: DocumentView) => ({
        ...d,
        typeText: translate(lang, `document.type.${d.type}`),
        stateText: stateText(lang, d.state),
        clauseList: d.clauses.map((c) => c.number).join(', '),
      })),
      canWrite: can(me.role, 'documents.write'),
      types: DOCUMENT_TYPES.map((value) => ({
        value,
        label: translate(lang, `document.type.${value}`),
        selected: form.type === value,
      })),
      confidentiality: CONFIDENTIALITY.map((value) => ({
        value,
        label: translate(lang, `document.confidentiality.${value}`),
        selected: (form.confidentiality ?? 'internal') === value,
      })),
      form: { title: '', number: '', clauses: '', owner: '', reviewMonths: 12, ...form },
      problem,
      exports: ['pdf', 'csv', 'xlsx'].map((ext) => ({
        ext: ext.toUpperCase(),
        href: `/api/units/${unitId}/document-register.${ext}?lang=${lang}`,
      })),
    };
  }

  async document(me: Principal, id: string, lang: Language, problem: FormError | null) {
    const doc: DocumentDetail = await this.documents.get(me, id);
    const actions = await this.documents.actions(me, id);
    const unit = await this.organisations.unit(me, doc.unitId);
    return {
      unit,
      doc: {
        ...doc,
        typeText: translate(lang, `document.type.${doc.type}`),
        stateText: stateText(lang, doc.state),
        confidentialityText: translate(lang, `document.confidentiality.${doc.confidentiality}`),
      },
      revisions: [...doc.revisions].reverse().map((r) => {
        const mine = r.distribution.find((a) => a.user.id === me.id);
        return {
          ...r,
          stateText: stateText(lang, r.state),
          actions: (actions.get(r.number) ?? []).map((to) => ({
            to,
            label: translate(lang, `document.action.${to}`),
          })),
          previewUrl: `/documents/${doc.id}/revisions/${r.number}/preview`,
          unread: r.distribution.filter((a) => !a.acknowledgedAt).map((a) => a.user.displayName),
          readers: r.distribution.filter((a) => a.acknowledgedAt).map((a) => a.user.displayName),
          canAcknowledge: mine !== undefined && mine.acknowledgedAt === null,
        };
      }),
      canWrite: can(me.role, 'documents.write'),
      canReview: can(me.role, 'documents.approve') && doc.effectiveRevision !== null,
      canJudge: can(me.role, 'documents.judge'),
      problem,
    };
  }

  /** The preview page of one revision: the file in place, obsolete ones under the watermark. */
  async preview(me: Principal, id: string, n: number) {
    const doc = await this.documents.get(me, id);
    const revision = doc.revisions.find((r) => r.number === n);
    return { doc, revision: revision ?? null };
  }
}
