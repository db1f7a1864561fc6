import type { EntityManager } from 'typeorm';
import type { User } from '../auth/user.entity.js';
import type { Principal } from '../auth/principal.js';
import type { ScopeService } from '../auth/scope.js';
import { NotFound } from '../common/domain-error.js';
import { AssessmentError } from './assessment-errors.js';
import type { Unit } from '../organisations/unit.entity.js';
import type { Standard } from '../standards/standard.entity.js';
import { Assessment } from './assessment.entity.js';
import { isAssignedAssessor } from '../auth/principal-rules.js';

/** An assessment with its unit, standard and assessors loaded. */
export type AssessmentRecord = Assessment & {
  unit: Unit;
  standard: Standard;
  assessors: User[];
};

/** The assessment, if the caller may see its unit; otherwise not found (its existence is not revealed). */
export async function findVisibleAssessment(
  m: EntityManager,
  scope: ScopeService,
  me: Principal,
  id: string,
): Promise<AssessmentRecord> {
  const found = await scope
    .restrict(
      m
        .getRepository(Assessment)
        .createQueryBuilder('a')
        .innerJoinAndSelect('a.unit', 'unit')
        .innerJoinAndSelect('a.standard', 'standard')
        .leftJoinAndSelect('a.assessors', 'assessor')
        .where('a.id = :id', { id }),
      'a.unitId',
      me,
    )
    .getOne();
  if (!found) throw new NotFound('assessment', id);
  return found as AssessmentRecord;
}

/** Ratings and findings are the work of the assessors assigned to the cycle, no one else's. */
export function requireAssignedAssessor(me: Principal, assessment: AssessmentRecord): void {
  if (!isAssignedAssessor(me, assessment.assessors))
    throw new AssessmentError('not_assigned_assessor');
}

/** A reported cycle is what the assessor signed: its ratings and findings no longer change. */
export function requireNotReported(assessment: Assessment): void {
  if (assessment.state === 'reported') throw new AssessmentError('assessment_reported');
}

/**
 * The unit's current cycle: its most recent assessment by start date (then creation, then id), in
 * any state; the one its readiness reads (readiness-data.ts orders them alike). Null before the first.
 */
export async function currentAssessmentId(
  m: EntityManager,
  unitId: string,
): Promise<string | null> {
  const latest = await m
    .getRepository(Assessment)
    .createQueryBuilder('a')
    .select('a.id', 'id')
    .where('a.unitId = :unitId', { unitId })
    .orderBy('a.startsOn', 'DESC')
    .addOrderBy('a.createdAt', 'DESC')
    .addOrderBy('a.id', 'DESC')
    .limit(1)
    .getRawOne<{ id: string }>();
  return latest?.id ?? null;
}
