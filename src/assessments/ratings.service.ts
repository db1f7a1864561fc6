import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { ValidationFailed } from '../common/domain-error.js';
import { AssessmentError } from './assessment-errors.js';
import { compareClauseNumbers } from '../standards/standard-rules.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { Clause } from '../standards/clause.entity.js';
import {
  findVisibleAssessment,
  requireAssignedAssessor,
  requireNotReported,
  type AssessmentRecord,
} from './assessment-access.js';
import { clauseRatingView, type ClauseRatingView } from './assessment-views.js';
import type { RateClauseDto } from './assessments.dto.js';
import { Assessment } from './assessment.entity.js';
import { ClauseAssessment } from './clause-assessment.entity.js';
import { lockRow } from '../database/row-lock.js';
import { checkRating, ratingDiffers, type RatingValues } from './rating-rules.js';

export interface RatingChange {
  clause: Clause;
  values: RatingValues;
}

const stored = (row: ClauseAssessment): RatingValues => ({
  applicable: row.applicable,
  rating: row.rating,
  justification: row.justification,
  note: row.note,
});

/** Leaf clauses are rated; a parent rolls up. The leaves below a parent, in natural order. */
export function leavesBelow(clauses: readonly Clause[], number: string): string[] {
  return clauses
    .filter((c) => c.isLeaf && c.number.startsWith(`${number}.`))
    .map((c) => c.number)
    .sort(compareClauseNumbers);
}

@Injectable()
export class RatingsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly readiness: ReadinessKeeper,
  ) {}

  /** Rates one leaf clause of an assessment (only an assessor assigned to it, before it is reported). */
  async rate(
    me: Principal,
    id: string,
    number: string,
    dto: RateClauseDto,
  ): Promise<ClauseRatingView> {
    return this.db.transaction(async (m) => {
      // Ratings of one assessment (and its report) queue up: each reads what the last one wrote.
      await lockRow(m, Assessment, id);
      const a = await findVisibleAssessment(m, this.scope, me, id);
      requireAssignedAssessor(me, a);
      requireNotReported(a);
      const clauses = await m.getRepository(Clause).findBy({ standardId: a.standardId });
      const clause = clauses.find((c) => c.number === number);
      if (!clause)
        throw new AssessmentError('clause_not_found', {
          clause: number,
          standard: a.standard.code,
        });
      if (!clause.isLeaf) {
        const leaves = leavesBelow(clauses, number);
        throw new AssessmentError(
          'rating_parent_clause',
          { clause: number, leaves: leaves.join(', ') },
          { leaves },
        );
      }
      const check = checkRating(dto);
      if (!check.ok) throw new ValidationFailed(check.problems);
      await this.apply(m, me, a, [{ clause, values: check.values }], 'clause_assessment.rate');
      const row = await m.getRepository(ClauseAssessment).findOneOrFail({
        where: { assessmentId: a.id, clauseId: clause.id },
        relations: { clause: true },
      });
      return clauseRatingView(row as ClauseAssessment & { clause: Clause });
    });
  }

  /**
   * Writes the ratings that differ from what is stored, each with its audit event, then snapshots
   * the unit's readiness if it moved. Returns how many clauses changed. The caller has checked
   * the assessment, the caller's right and every value.
   */
  async apply(
    m: EntityManager,
    me: Principal,
    a: AssessmentRecord,
    changes: readonly RatingChange[],
    action: 'clause_assessment.rate' | 'clause_assessment.import',
  ): Promise<number> {
    const repo = m.getRepository(ClauseAssessment);
    const rows = changes.length
      ? await repo.findBy({ assessmentId: a.id, clauseId: In(changes.map((c) => c.clause.id)) })
      : [];
    let changed = 0;
    for (const { clause, values } of changes) {
      const row = rows.find((r) => r.clauseId === clause.id);
      // A leaf added to the catalogue after the cycle started has no row yet.
      const before = row ? stored(row) : null;
      if (before && !ratingDiffers(before, values)) continue;
      if (row) await repo.update({ id: row.id }, { ...values, updatedById: me.id });
      else
        await repo.insert({
          assessmentId: a.id,
          clauseId: clause.id,
          ...values,
          updatedById: me.id,
        });
      await recordAudit(m, {
        actorId: me.id,
        action,
        entity: 'assessment',
        entityId: a.id,
        organisationId: a.unit.organisationId,
        unitId: a.unitId,
        changes: {
          clause: { before: clause.number, after: clause.number },
          ...fieldChanges(before ? { ...before } : null, { ...values }),
        },
      });
      changed++;
    }
    if (changed > 0) await this.readiness.unitsChanged(m, a.unitId);
    return changed;
  }
}
