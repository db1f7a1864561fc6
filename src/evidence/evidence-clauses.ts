import { In, type EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { ValidationFailed } from '../common/domain-error.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';
import { ClauseNotLeaf, ClauseOtherStandard } from './evidence-errors.js';

/**
 * Clause numbers → leaf clauses of the unit's standard: the standards of its assessments, the
 * most recent first (every loaded standard while it has none). Unknown numbers are bad input
 * (400); a clause of another standard or one with sub-clauses is refused by the domain (422).
 */
export async function resolveClauses(
  m: EntityManager,
  unitId: string,
  numbers: string[],
): Promise<Clause[]> {
  const standards = await unitStandards(m, unitId);
  const candidates = await m
    .getRepository(Clause)
    .find({ where: { number: In(numbers) }, relations: { standard: true } });
  const unknown: string[] = [];
  const foreign: string[] = [];
  const parents: string[] = [];
  const chosen: Clause[] = [];
  for (const number of numbers) {
    const same = candidates.filter((c) => c.number === number);
    const own = standards
      .map((s) => same.find((c) => c.standardId === s.id))
      .find((c) => c !== undefined);
    if (!own) (same.length ? foreign : unknown).push(number);
    else if (!own.isLeaf) parents.push(number);
    else chosen.push(own);
  }
  if (unknown.length)
    throw new ValidationFailed([{ field: 'clauses', rule: 'clauseUnknown', values: unknown }]);
  if (foreign.length)
    throw new ClauseOtherStandard(
      foreign,
      standards.map((s) => s.code),
    );
  if (parents.length) throw new ClauseNotLeaf(parents);
  return chosen;
}

async function unitStandards(m: EntityManager, unitId: string): Promise<Standard[]> {
  const rows = await m
    .getRepository(Assessment)
    .createQueryBuilder('a')
    .select('a.standardId', 'standardId')
    .addSelect('MAX(a.startsOn)', 'latest')
    .where('a.unitId = :unitId', { unitId })
    .groupBy('a.standardId')
    .getRawMany<{ standardId: string; latest: string }>();
  const standards = await m
    .getRepository(Standard)
    .find(rows.length ? { where: { id: In(rows.map((r) => r.standardId)) } } : {});
  const latest = new Map(rows.map((r) => [r.standardId, String(r.latest)]));
  return standards.sort(
    (a, b) =>
      (latest.get(b.id) ?? '').localeCompare(latest.get(a.id) ?? '') ||
      a.code.localeCompare(b.code),
  );
}
