import { Injectable } from '@nestjs/common';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import type { WithdrawEvidenceDto } from '../evidence/evidence.dto.js';
import { EvidenceService } from '../evidence/evidence.service.js';
import type { IncomingUpload } from '../evidence/upload-intake.js';
import type { Language } from '../i18n/i18n.js';
import type { ReviewEvidenceForm } from './evidence-forms.js';
import { runForm, type FormError, type Posted } from './forms.js';

/** templates/pages/evidence.hbs: one item, its versions and preview, review, new version, withdrawal. */
@Injectable()
export class EvidencePage {
  constructor(private readonly evidence: EvidenceService) {}

  /** `form`: the review form as a refused review posted it. */
  async item(
    me: Principal,
    id: string,
    error: FormError | null = null,
    form: { decision: unknown; reason: unknown } | null = null,
  ) {
    const item = await this.evidence.get(me, id);
    const latest = item.latestVersion;
    const preview =
      latest && (latest.mediaType === 'application/pdf' || latest.mediaType.startsWith('image/'))
        ? { url: `${latest.downloadUrl}?inline=1`, pdf: latest.mediaType === 'application/pdf' }
        : null;
    return {
      pageTitle: item.title,
      item,
      preview,
      canReview: can(me, 'evidence.review') && !item.withdrawnAt,
      canAddVersion: can(me, 'evidence.submit') && !item.withdrawnAt,
      error,
      form: form ?? { decision: '', reason: '' },
    };
  }

  newVersion(me: Principal, id: string, lang: Language, upload: IncomingUpload) {
    return runForm(
      lang,
      async () => {
        await this.evidence.addVersion(me, id, upload);
        return `/evidence/${id}?flash=version_uploaded`;
      },
      (problem) => this.item(me, id, problem),
    );
  }

  review(me: Principal, id: string, form: Posted<ReviewEvidenceForm>) {
    return form.submit(
      async (dto) => {
        await this.evidence.review(me, id, dto);
        return `/evidence/${id}?flash=evidence_reviewed`;
      },
      ({ problem, posted }) =>
        this.item(me, id, problem, {
          decision: posted.decision ?? '',
          reason: posted.reason ?? '',
        }),
    );
  }

  /** The officer withdraws an item that no longer holds (with a reason); it stays in the register. */
  withdraw(me: Principal, id: string, form: Posted<WithdrawEvidenceDto>) {
    return form.submit(
      async (dto) => {
        await this.evidence.withdraw(me, id, dto);
        return `/evidence/${id}?flash=evidence_withdrawn`;
      },
      ({ problem }) => this.item(me, id, problem),
    );
  }
}
