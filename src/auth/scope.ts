import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, Raw, type EntityManager, type FindOperator } from 'typeorm';
import { NotFound, type EntityName } from '../common/domain-error.js';
import type { Principal } from './principal.js';
import { administersAll } from './principal-rules.js';

/** A SQL condition with its named parameters, ready for `qb.andWhere(sql, params)`. */
export interface ScopePredicate {
  sql: string;
  params: Record<string, string>;
}

/** Anything with `andWhere(sql, params)`: a select, update or delete query builder, or a `Brackets` body. */
interface Restrictable {
  andWhere(where: string, parameters?: Record<string, unknown>): unknown;
}

/**
 * The units a caller may see, as SQL. Services restrict every query of unit data with it (no "load by
 * id, then check", no list of ids): a record outside the scope is simply not found. The condition is
 * a subquery over `unit`, `user_unit` or the assessor assignments, so its parameter count is the same
 * (at most one) for a caller who sees one unit and for one who sees forty thousand.
 *
 * - admin: every unit of their organisation (all units when they belong to none)
 * - management: their units when assigned some, otherwise their whole organisation
 * - quality officer and unit head: the units they are assigned to
 * - assessor: the units of the assessments they are assigned to
 */
@Injectable()
export class ScopeService {
  /** Parameter names are unique per call, so one query may carry several scope conditions. */
  private sequence = 0;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /**
   * The condition "`column` is a unit the caller may see". `column` is a unit id expression in the
   * query's terms: `'e.unitId'` (a query builder property path) or a raw column (`'e.unit_id'`).
   */
  predicate(principal: Principal, column: string): ScopePredicate {
    return this.build(principal, column, this.nextName());
  }

  private nextName(): string {
    this.sequence = (this.sequence + 1) % 1_000_000;
    return `scope_${this.sequence}`;
  }

  private build(p: Principal, column: string, name: string): ScopePredicate {
    const organisationUnits = (org: string): ScopePredicate => ({
      sql: `${column} IN (SELECT scope_u.id FROM unit scope_u WHERE scope_u.organisation_id = :${name})`,
      params: { [name]: org },
    });
    const assignedUnits: ScopePredicate = {
      sql: `${column} IN (SELECT scope_uu.unit_id FROM user_unit scope_uu WHERE scope_uu.user_id = :${name})`,
      params: { [name]: p.id },
    };
    switch (p.role) {
      case 'admin':
        return p.organisationId
          ? organisationUnits(p.organisationId)
          : { sql: `${column} IS NOT NULL`, params: {} };
      case 'management':
        if (p.unitIds.length > 0) return assignedUnits;
        return p.organisationId ? organisationUnits(p.organisationId) : NOTHING;
      case 'quality_officer':
      case 'unit_head':
        return assignedUnits;
      case 'assessor':
        return {
          sql:
            `${column} IN (SELECT scope_a.unit_id FROM assessment scope_a` +
            ` INNER JOIN assessment_assessor scope_aa ON scope_aa.assessment_id = scope_a.id` +
            ` WHERE scope_aa.user_id = :${name})`,
          params: { [name]: p.id },
        };
      // An outside verifier of the ISO 18091 diagnostic sees no unit.
      case 'diagnostic_assessor':
        return NOTHING;
    }
  }

  /** Adds "`column` is a unit the caller may see" to the query (`andWhere`); returns the query. */
  restrict<Q extends Restrictable>(qb: Q, column: string, principal: Principal): Q {
    const { sql, params } = this.predicate(principal, column);
    qb.andWhere(sql, params);
    return qb;
  }

  /** The same condition for find options: `repo.findBy({ unitId: scope.inScope(me) })`. */
  inScope(principal: Principal): FindOperator<string> {
    const name = this.nextName();
    const { params } = this.build(principal, 'x', name);
    return Raw((column) => this.build(principal, column, name).sql, params) as FindOperator<string>;
  }

  /** Whether the caller may see this unit: one row looked up by id within the scope (immich's `checkAccess`). */
  async canSeeUnit(
    principal: Principal,
    unitId: string,
    manager: EntityManager = this.db.manager,
  ): Promise<boolean> {
    return (await this.visibleAmong(principal, [unitId], manager)).has(unitId);
  }

  /**
   * Of these units, the ones the caller may see (an auditor on a planned audit sees the audit, not
   * always its unit). One query; its parameters grow with the ids asked about, not with the scope.
   */
  async visibleAmong(
    principal: Principal,
    unitIds: readonly string[],
    manager: EntityManager = this.db.manager,
  ): Promise<Set<string>> {
    const ids = [...new Set(unitIds)];
    if (ids.length === 0) return new Set();
    const rows = await this.restrict(
      manager
        .createQueryBuilder()
        .select('u.id', 'id')
        .from('unit', 'u')
        .where('u.id IN (:...ids)', { ids }),
      'u.id',
      principal,
    ).getRawMany<{ id: string }>();
    return new Set(rows.map((r) => r.id));
  }

  /** Throws not-found for a unit the caller may not see (its existence is not revealed). */
  async requireUnit(
    principal: Principal,
    unitId: string,
    entity: EntityName = 'unit',
    id: string = unitId,
    manager: EntityManager = this.db.manager,
  ): Promise<void> {
    if (!(await this.canSeeUnit(principal, unitId, manager))) throw new NotFound(entity, id);
  }

  /**
   * Every unit id the caller may see, loaded. Only for the rare caller that needs the list itself
   * (and can bound it); queries of unit data use `restrict` instead.
   */
  async visibleUnitIds(
    principal: Principal,
    manager: EntityManager = this.db.manager,
  ): Promise<string[]> {
    const rows = await this.restrict(
      manager.createQueryBuilder().select('u.id', 'id').from('unit', 'u'),
      'u.id',
      principal,
    ).getRawMany<{ id: string }>();
    return rows.map((r) => r.id);
  }

  /** The caller's unit when they see exactly one (at most two rows are read), otherwise null. */
  async onlyUnit(
    principal: Principal,
    manager: EntityManager = this.db.manager,
  ): Promise<string | null> {
    const rows = await this.restrict(
      manager.createQueryBuilder().select('u.id', 'id').from('unit', 'u'),
      'u.id',
      principal,
    )
      .limit(2)
      .getRawMany<{ id: string }>();
    return rows.length === 1 ? rows[0].id : null;
  }

  /** Organisations the caller may see: theirs, or all for an administrator of no organisation. */
  visibleOrganisationIds(principal: Principal): string[] | 'all' {
    if (administersAll(principal)) return 'all';
    return principal.organisationId ? [principal.organisationId] : [];
  }
}

const NOTHING: ScopePredicate = { sql: '1 = 0', params: {} };

/**
 * "The user row `user` may see the unit `unit`" as SQL without parameters: the same rule as
 * ScopeService's predicate, written for any user at once (a notification scan resolving the
 * recipients of many units in one query, a digest re-checking its recipient at sending time).
 * `user` is an alias of `user_account`, `unit` a unit id expression.
 */
export function userSeesUnitSql(user: string, unit: string): string {
  const orgOf = `(SELECT sees_o.organisation_id FROM unit sees_o WHERE sees_o.id = ${unit})`;
  const assigned = `EXISTS (SELECT 1 FROM user_unit sees_uu WHERE sees_uu.user_id = ${user}.id AND sees_uu.unit_id = ${unit})`;
  const anyAssigned = `EXISTS (SELECT 1 FROM user_unit sees_any WHERE sees_any.user_id = ${user}.id)`;
  const assessing =
    `EXISTS (SELECT 1 FROM assessment sees_a INNER JOIN assessment_assessor sees_aa` +
    ` ON sees_aa.assessment_id = sees_a.id WHERE sees_aa.user_id = ${user}.id AND sees_a.unit_id = ${unit})`;
  return (
    `(${user}.active = TRUE AND (` +
    `(${user}.role = 'admin' AND (${user}.organisation_id IS NULL OR ${user}.organisation_id = ${orgOf}))` +
    ` OR (${user}.role IN ('quality_officer', 'unit_head') AND ${assigned})` +
    ` OR (${user}.role = 'management' AND (${assigned} OR (NOT ${anyAssigned} AND ${user}.organisation_id = ${orgOf})))` +
    ` OR (${user}.role = 'assessor' AND ${assessing})))`
  );
}
