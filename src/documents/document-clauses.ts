import { In, type EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { ValidationFailed } from '../common/domain-error.js';
import { ClauseNotLeaf } from '../evidence/evidence-errors.js';
import { DEFAULT_STANDARD_CODE } from '../standards/standard-rules.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';

/**
 * Clause numbers → leaf clauses of the unit's standard (that of its latest assessment, else the
 * default catalogue): unknown numbers are bad input (400), a clause with sub-clauses is refused
 * by the domain (422), as for evidence.
 */
export class DocumentClauses {
  async resolve(m: EntityManager, unitId: string, numbers: string[]): Promise<Clause[]> {
    const standardId = await this.standardOf(m, unitId);
    const found = await m.getRepository(Clause).findBy({ standardId, number: In(numbers) });
    const byNumber = new Map(found.map((c) => [c.number, c]));
    const unknown = numbers.filter((n) => !byNumber.has(n));
    if (unknown.length)
      throw new ValidationFailed([{ field: 'clauses', rule: 'clauseUnknown', values: unknown }]);
    const parents = numbers.filter((n) => !byNumber.get(n)!.isLeaf);
    if (parents.length) throw new ClauseNotLeaf(parents);
    return numbers.map((n) => byNumber.get(n)!);
  }

  private async standardOf(m: EntityManager, unitId: string): Promise<string> {
    const latest = await m
      .getRepository(Assessment)
      .findOne({ where: { unitId }, order: { startsOn: 'DESC', createdAt: 'DESC' } });
    if (latest) return latest.standardId;
    const standard =
      (await m.getRepository(Standard).findOneBy({ code: DEFAULT_STANDARD_CODE })) ??
      (await m.getRepository(Standard).findOne({ where: {}, order: { code: 'ASC' } }));
    if (!standard) throw new ValidationFailed([{ field: 'clauses', rule: 'clauseUnknown' }]);
    return standard.id;
  }
}
