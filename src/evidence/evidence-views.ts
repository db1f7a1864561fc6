import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { peopleById, type PersonRef } from '../auth/people.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import { EvidenceError } from './evidence-errors.js';
import type { Page } from '../common/pagination.js';
import { Clause } from '../standards/clause.entity.js';
import { isEvidencePresent, isExpired } from './evidence-rules.js';
import type { EvidenceStatus } from './evidence-status.js';
import { EvidenceStore } from './evidence-store.js';
import { EvidenceVersion } from './evidence-version.entity.js';
import { Evidence } from './evidence.entity.js';
import type { EvidenceListQuery } from './evidence.dto.js';
import type { FileDownload } from './file-download.js';

export interface ClauseRef {
  number: string;
  title: { id: string; en: string };
}

export interface EvidenceVersionView {
  number: number;
  sha256: string;
  size: number;
  mediaType: string;
  /** The uploader's file name (cleaned), metadata only. */
  originalName: string;
  uploadedAt: Date;
  uploadedBy: PersonRef | null;
  downloadUrl: string;
}

export interface EvidenceView {
  id: string;
  unitId: string;
  title: string;
  description: string | null;
  reference: string | null;
  validUntil: string | null;
  status: EvidenceStatus;
  /** Past its validity end (in Kupang's time zone today). */
  expired: boolean;
  /** Counts as present for readiness: accepted, unexpired, not withdrawn. */
  present: boolean;
  /** The assessor's last decision on the current content; null while waiting for review. */
  review: { reason: string | null; reviewedBy: PersonRef | null; reviewedAt: Date | null } | null;
  clauses: ClauseRef[];
  versionCount: number;
  latestVersion: EvidenceVersionView | null;
  createdBy: PersonRef | null;
  createdAt: Date;
  updatedAt: Date;
  withdrawnAt: Date | null;
}

export interface EvidenceDetail extends EvidenceView {
  versions: EvidenceVersionView[];
  withdrawal: { reason: string | null; by: PersonRef | null; at: Date } | null;
}

const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

export const bySortKey = (a: Pick<Clause, 'sortKey'>, b: Pick<Clause, 'sortKey'>): number =>
  a.sortKey.localeCompare(b.sortKey);

/** One clause an evidence item names, as its views show it. */
interface ClauseLink {
  evidenceId: string;
  number: string;
  titleId: string;
  titleEn: string;
  sortKey: string;
}

/** Rows grouped by the evidence item they belong to, in their order. */
function byEvidence<T extends { evidenceId: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const own = groups.get(row.evidenceId);
    if (own) own.push(row);
    else groups.set(row.evidenceId, [row]);
  }
  return groups;
}

/** The item, if the caller's scope covers its unit; the scope is part of the query. */
export async function evidenceInScope(
  m: EntityManager,
  scope: ScopeService,
  me: Principal,
  id: string,
): Promise<Evidence> {
  const evidence = await m.getRepository(Evidence).findOne({
    where: { id, unitId: scope.inScope(me) },
    relations: { unit: true, clauses: true },
  });
  if (!evidence) throw new NotFound('evidence', id);
  return evidence;
}

/** What evidence looks like to a reader: the register of a unit, one item, one stored file. */
@Injectable()
export class EvidenceViews {
  private readonly logger = new Logger('Evidence');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly store: EvidenceStore,
  ) {}

  async list(me: Principal, unitId: string, query: EvidenceListQuery): Promise<Page<EvidenceView>> {
    await this.scope.requireUnit(me, unitId);
    const today = todayInZone(new Date());
    const q = this.db
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .where('e.unitId = :unitId', { unitId });
    if (!query.withdrawn) q.andWhere('e.withdrawnAt IS NULL');
    if (query.status) q.andWhere('e.status = :status', { status: query.status });
    if (query.expired === true)
      q.andWhere('e.validUntil IS NOT NULL AND e.validUntil < :today', { today });
    if (query.expired === false)
      q.andWhere('(e.validUntil IS NULL OR e.validUntil >= :today)', { today });
    if (query.clause) {
      q.andWhere(
        `EXISTS (SELECT 1 FROM evidence_clause ec INNER JOIN clause c ON c.id = ec.clause_id
          WHERE ec.evidence_id = e.id AND (c.number = :clause OR c.number LIKE :clausePrefix))`,
        { clause: query.clause, clausePrefix: `${query.clause}.%` },
      );
    }
    if (query.q) {
      q.andWhere(
        `(LOWER(e.title) LIKE :text ESCAPE '\\' OR LOWER(COALESCE(e.description, '')) LIKE :text ESCAPE '\\')`,
        { text: `%${escapeLike(query.q.toLowerCase())}%` },
      );
    }
    const [rows, total] = await q
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    const items = await this.views(this.db.manager, rows, today);
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(me: Principal, id: string): Promise<EvidenceDetail> {
    const evidence = await evidenceInScope(this.db.manager, this.scope, me, id);
    const today = todayInZone(new Date());
    const [view] = await this.views(this.db.manager, [evidence], today);
    const versions = await this.db
      .getRepository(EvidenceVersion)
      .find({ where: { evidenceId: id }, order: { number: 'ASC' } });
    const people = await peopleById(
      this.db.manager,
      versions.map((v) => v.uploadedById),
    );
    return {
      ...view,
      versions: versions.map((v) => this.versionView(v, people)),
      withdrawal: evidence.withdrawnAt ? await this.withdrawal(evidence) : null,
    };
  }

  /** One stored version, checked against its row before a byte is sent. */
  async download(me: Principal, id: string, number: number): Promise<FileDownload> {
    const evidence = await evidenceInScope(this.db.manager, this.scope, me, id);
    const version = await this.db
      .getRepository(EvidenceVersion)
      .findOneBy({ evidenceId: evidence.id, number });
    if (!version) throw new EvidenceError('evidence_version_not_found', { number });
    const size = await this.store.sizeOf(version.sha256);
    if (size !== version.size) {
      this.logger.error(
        `Evidence ${id} version ${number}: stored file ${version.sha256} is ${size === null ? 'missing' : `${size} bytes, expected ${version.size}`}`,
      );
      throw new EvidenceError('evidence_file_unavailable', { number });
    }
    return {
      sha256: version.sha256,
      size: version.size,
      mediaType: version.mediaType,
      fileName: version.originalName,
      open: () => this.store.read(version.sha256),
    };
  }

  private versionView(v: EvidenceVersion, people: Map<string, PersonRef>): EvidenceVersionView {
    return {
      number: v.number,
      sha256: v.sha256,
      size: v.size,
      mediaType: v.mediaType,
      originalName: v.originalName,
      uploadedAt: v.uploadedAt,
      uploadedBy: (v.uploadedById && people.get(v.uploadedById)) || null,
      downloadUrl: `/api/evidence/${v.evidenceId}/versions/${v.number}/file`,
    };
  }

  private async views(m: EntityManager, rows: Evidence[], today: string): Promise<EvidenceView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    // Only what a ClauseRef shows and sorts by, as plain rows: a register names every item's
    // clauses, and hydrating whole clauses (guidance texts, JSON) for each costs several times more.
    const links = await m
      .createQueryBuilder()
      .select('ec.evidence_id', 'evidenceId')
      .addSelect('c.number', 'number')
      .addSelect('c.title_id', 'titleId')
      .addSelect('c.title_en', 'titleEn')
      .addSelect('c.sort_key', 'sortKey')
      .from('evidence_clause', 'ec')
      .innerJoin(Clause, 'c', 'c.id = ec.clause_id')
      .where('ec.evidence_id IN (:...ids)', { ids })
      .getRawMany<ClauseLink>();
    const clausesOf = byEvidence(links);
    const versions = await m
      .getRepository(EvidenceVersion)
      .find({ where: { evidenceId: In(ids) }, order: { number: 'ASC' } });
    const versionsOf = byEvidence(versions);
    const people = await peopleById(m, [
      ...rows.flatMap((r) => [r.createdById, r.reviewedById]),
      ...versions.map((v) => v.uploadedById),
    ]);
    return rows.map((e) => {
      const own = versionsOf.get(e.id) ?? [];
      const latest = own[own.length - 1];
      const reviewed = e.status !== 'submitted';
      return {
        id: e.id,
        unitId: e.unitId,
        title: e.title,
        description: e.description,
        reference: e.reference,
        validUntil: e.validUntil,
        status: e.status,
        expired: isExpired(e.validUntil, today),
        present: isEvidencePresent({ ...e, withdrawn: e.withdrawnAt !== null }, today),
        review: reviewed
          ? {
              reason: e.reviewReason,
              reviewedBy: (e.reviewedById && people.get(e.reviewedById)) || null,
              reviewedAt: e.reviewedAt,
            }
          : null,
        clauses: (clausesOf.get(e.id) ?? [])
          .sort(bySortKey)
          .map((c) => ({ number: c.number, title: { id: c.titleId, en: c.titleEn } })),
        versionCount: own.length,
        latestVersion: latest ? this.versionView(latest, people) : null,
        createdBy: (e.createdById && people.get(e.createdById)) || null,
        createdAt: e.createdAt,
        updatedAt: e.updatedAt,
        withdrawnAt: e.withdrawnAt,
      };
    });
  }

  /** Who withdrew the item and why. */
  private async withdrawal(evidence: Evidence): Promise<EvidenceDetail['withdrawal']> {
    const people = await peopleById(this.db.manager, [evidence.withdrawnById]);
    return {
      reason: evidence.withdrawalReason,
      by: (evidence.withdrawnById && people.get(evidence.withdrawnById)) || null,
      at: evidence.withdrawnAt!,
    };
  }
}
