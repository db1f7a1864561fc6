import { Injectable } from '@nestjs/common';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { type DomainError, NotFound } from '../common/domain-error.js';
import { CONFIDENTIALITY, DOCUMENT_TYPES } from '../documents/document-types.js';
import type { DocumentDetail, DocumentView } from '../documents/document-views.js';
import type {
  DocumentJudgementDto,
  PeriodicReviewDto,
  RevisionTransitionDto,
} from '../documents/documents.dto.js';
import { DocumentsService } from '../documents/documents.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { OrganisationsService } from '../organisations/organisations.service.js';
import type { CreateDocumentForm } from './documents-forms.js';
import { runForm, type Again, type FormError, type Posted } from './forms.js';

const stateText = (lang: Language, state: string) => translate(lang, `document.state.${state}`);

/** Where a step on one document leads: back to its page. */
const saved = (id: string): string => `/documents/${id}?flash=document_saved`;

/** A step refused for a reason of the request (4xx) keeps its status; anything else reads 400. */
const stepStatus = (refusal: DomainError): number =>
  refusal.status >= 400 && refusal.status < 500 ? refusal.status : 400;

/**
 * The document pages (the master list, one document, a revision's preview) and their forms:
 * view models here, decisions in DocumentsService.
 */
@Injectable()
export class DocumentsPage {
  constructor(
    private readonly documents: DocumentsService,
    private readonly organisations: OrganisationsService,
  ) {}

  /** templates/pages/documents.hbs: the master list and the new-document form. */
  async register(me: Principal, unitId: string, lang: Language, again: Again | null = null) {
    const unit = await this.organisations.unit(me, unitId);
    const list = await this.documents.list(me, unitId);
    const form: Record<string, unknown> = again?.posted ?? {};
    return {
      pageTitle: translate(lang, 'documents.page_title', { unit: unit.name }),
      unit,
      documents: list.map((d: DocumentView) => ({
        ...d,
        typeText: translate(lang, `document.type.${d.type}`),
        stateText: stateText(lang, d.state),
        clauseList: d.clauses.map((c) => c.number).join(', '),
      })),
      canWrite: can(me, 'documents.write'),
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
      problem: again?.problem ?? null,
      exports: ['pdf', 'csv', 'xlsx'].map((ext) => ({
        ext: ext.toUpperCase(),
        href: `/api/units/${unitId}/document-register.${ext}?lang=${lang}`,
      })),
    };
  }

  create(me: Principal, unitId: string, lang: Language, form: Posted<CreateDocumentForm>) {
    return form.submit(
      async (dto) => saved((await this.documents.create(me, unitId, dto)).id),
      (again) => this.register(me, unitId, lang, again),
    );
  }

  /** templates/pages/document.hbs: one document, its revisions and the steps the caller may take. */
  async document(me: Principal, id: string, lang: Language, problem: FormError | null = null) {
    const doc: DocumentDetail = await this.documents.get(me, id);
    const actions = await this.documents.actions(me, id);
    const unit = await this.organisations.unit(me, doc.unitId);
    return {
      pageTitle: translate(lang, 'documents.document_title', { number: doc.number }),
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
      canWrite: can(me, 'documents.write'),
      canReview: can(me, 'documents.approve') && doc.effectiveRevision !== null,
      canJudge: can(me, 'documents.judge'),
      problem,
    };
  }

  /**
   * A step on one document without fields of its own (a new revision, reading one): back to its
   * page, or the page again with the refusal.
   */
  step(me: Principal, id: string, lang: Language, action: () => Promise<unknown>) {
    return runForm(
      lang,
      async () => {
        await action();
        return saved(id);
      },
      (problem) => this.document(me, id, lang, problem),
      stepStatus,
    );
  }

  acknowledge(me: Principal, id: string, n: number, lang: Language) {
    return this.step(me, id, lang, () => this.documents.acknowledge(me, id, n));
  }

  transition(
    me: Principal,
    id: string,
    n: number,
    lang: Language,
    form: Posted<RevisionTransitionDto>,
  ) {
    return this.stepWith(me, id, lang, form, (dto) => this.documents.transition(me, id, n, dto));
  }

  review(me: Principal, id: string, lang: Language, form: Posted<PeriodicReviewDto>) {
    return this.stepWith(me, id, lang, form, (dto) => this.documents.confirmReview(me, id, dto));
  }

  judge(me: Principal, id: string, lang: Language, form: Posted<DocumentJudgementDto>) {
    return this.stepWith(me, id, lang, form, (dto) => this.documents.judge(me, id, dto));
  }

  /** templates/pages/document-preview.hbs: the file in place, obsolete ones under the watermark. */
  async preview(me: Principal, id: string, n: number, lang: Language) {
    const doc = await this.documents.get(me, id);
    const revision = doc.revisions.find((r) => r.number === n);
    if (!revision) throw new NotFound('document', id);
    return {
      pageTitle: translate(lang, 'documents.preview_title', { number: doc.number, revision: n }),
      doc,
      revision,
    };
  }

  /** A step on one document with a form (`step` with the form's refusal shown the same way). */
  private stepWith<T>(
    me: Principal,
    id: string,
    lang: Language,
    form: Posted<T>,
    action: (dto: T) => Promise<unknown>,
  ) {
    return form.submit(
      async (dto) => {
        await action(dto);
        return saved(id);
      },
      ({ problem }) => this.document(me, id, lang, problem),
      stepStatus,
    );
  }
}
