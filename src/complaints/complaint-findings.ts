import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { FindingOrigin } from '../findings/finding-origin.entity.js';
import type { FindingDetailView } from '../findings/finding-views.js';
import { FindingsService } from '../findings/findings.service.js';
import { translate, type Language } from '../i18n/i18n.js';
import { ComplaintError } from './complaint-errors.js';
import { Complaint } from './complaint.entity.js';
import { currentSemester } from './complaint-views.js';
import type { RaiseComplaintFindingInput } from './complaints.dto.js';
import { ComplaintsService } from './complaints.service.js';

/**
 * One click from a complaint, or from a category that recurs in a period, to a finding in the
 * unit's current assessment (8.2.1 customer communication, 9.1.2 satisfaction, 10.2.1
 * nonconformity and corrective action), written with its origin in one transaction.
 */
@Injectable()
export class ComplaintFindings {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly complaints: ComplaintsService,
    private readonly findings: FindingsService,
    private readonly clock: Clock,
  ) {}

  async raise(
    me: Principal,
    unitId: string,
    input: RaiseComplaintFindingInput,
    lang: Language,
  ): Promise<FindingDetailView> {
    await this.scope.requireUnit(me, unitId);
    if ((input.trackingId === undefined) === (input.category === undefined))
      throw new ValidationFailed([{ field: 'trackingId', rule: 'oneOfTrackingIdOrCategory' }]);
    const assessmentId = await this.findings.currentAssessmentOf(me, unitId);
    let statement: string;
    let origin: Pick<FindingOrigin, 'kind' | 'refId' | 'ref'>;
    if (input.trackingId !== undefined) {
      const complaint = await this.db
        .getRepository(Complaint)
        .findOneBy({ unitId, trackingId: input.trackingId });
      if (!complaint) throw new NotFound('complaint', input.trackingId);
      statement = translate(lang, 'complaint.finding_one', {
        trackingId: complaint.trackingId,
        channel: complaint.channel ?? '–',
        category: complaint.category ?? '–',
        received: complaint.receivedOn,
        summary: complaint.summary ?? '–',
      });
      origin = { kind: 'complaint', refId: complaint.id, ref: complaint.trackingId };
    } else {
      const period = input.period ?? currentSemester(todayInZone(this.clock.now()));
      const metrics = await this.complaints.metrics(me, unitId, period, lang);
      const found = metrics.byCategory.find((c) => c.name === input.category);
      if (!found || found.count < 2)
        throw new ComplaintError('complaint_category_not_recurring', {
          category: input.category,
          period,
        });
      statement = translate(lang, 'complaint.finding_category', {
        category: found.name,
        count: found.count,
        period,
      });
      origin = {
        kind: 'complaint_category',
        refId: null,
        ref: `${found.name} ${period}`.slice(0, 200),
      };
    }
    return this.db.transaction(async (m) => {
      const finding = await this.findings.record(
        me,
        assessmentId,
        {
          clause: input.clause,
          grade: input.grade ?? 'observation',
          statement,
          objectiveEvidence: translate(lang, 'complaint.finding_evidence', { ref: origin.ref }),
        },
        m,
      );
      await m.getRepository(FindingOrigin).insert({ findingId: finding.id, ...origin });
      return finding;
    });
  }
}
