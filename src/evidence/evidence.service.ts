import { lockRow } from '../database/row-lock.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource, In, type EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import { peopleById, type PersonRef } from '../auth/people.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { ReadinessService } from '../readiness/readiness.service.js';
import { todayInZone } from '../common/dates.js';
import {
  Conflict,
  DomainError,
  NotFound,
  RuleViolation,
  ValidationFailed,
} from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { Unit } from '../organisations/unit.entity.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';
import { isEvidencePresent, isExpired, statusAfterChange } from './evidence-rules.js';
import type { EvidenceStatus } from './evidence-status.js';
import { EvidenceStore } from './evidence-store.js';
import { EvidenceVersion } from './evidence-version.entity.js';
import { Evidence } from './evidence.entity.js';
import {
  CreateEvidenceFields,
  validateFields,
  type EvidenceListQuery,
  type ReviewEvidenceDto,
  type UpdateEvidenceDto,
  type WithdrawEvidenceDto,
} from './evidence.dto.js';
import type { FileDownload } from './file-download.js';
import { isMultipart, receiveUpload, type ReceivedFile, type Upload } from './multipart.js';

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

const bySortKey = (a: Clause, b: Clause): number => a.sortKey.localeCompare(b.sortKey);

/** What an audit event records of an evidence item. */
const snapshot = (e: Evidence, clauses: Clause[]): Record<string, unknown> => ({
  title: e.title,
  description: e.description,
  reference: e.reference,
  validUntil: e.validUntil,
  status: e.status,
  clauses: [...clauses].sort(bySortKey).map((c) => c.number),
});

const versionSnapshot = (v: EvidenceVersion): Record<string, unknown> => ({
  number: v.number,
  sha256: v.sha256,
  size: v.size,
  mediaType: v.mediaType,
  originalName: v.originalName,
});

@Injectable()
export class EvidenceService {
  private readonly logger = new Logger('Evidence');

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly scope: ScopeService,
    private readonly store: EvidenceStore,
    private readonly readiness: ReadinessService,
  ) {}

  // ---- reading -------------------------------------------------------------------------------

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
    const evidence = await this.inScope(me, id);
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
    const evidence = await this.inScope(me, id);
    const version = await this.db
      .getRepository(EvidenceVersion)
      .findOneBy({ evidenceId: evidence.id, number });
    if (!version) throw new DomainError(404, 'evidence_version_not_found', { number });
    const size = await this.store.sizeOf(version.sha256);
    if (size !== version.size) {
      this.logger.error(
        `Evidence ${id} version ${number}: stored file ${version.sha256} is ${size === null ? 'missing' : `${size} bytes, expected ${version.size}`}`,
      );
      throw new DomainError(500, 'evidence_file_unavailable', { number });
    }
    return {
      sha256: version.sha256,
      size: version.size,
      mediaType: version.mediaType,
      fileName: version.originalName,
      open: () => this.store.read(version.sha256),
    };
  }

  // ---- changing ------------------------------------------------------------------------------

  async create(me: Principal, unitId: string, req: Request): Promise<EvidenceDetail> {
    await this.scope.requireUnit(me, unitId);
    const unit = await this.db.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit || unit.withdrawnAt) throw new NotFound('unit', unitId);
    // Refusals above come before a byte of the body is read; nothing below stores anything
    // until every check has passed.
    const upload = await this.receive(req, { allowWithoutFile: true });
    try {
      const dto = await validateFields(CreateEvidenceFields, upload.fields);
      if (!upload.file && !dto.reference)
        throw new ValidationFailed([{ field: 'reference', rule: 'referenceOrFile' }]);
      const clauses = await this.resolveClauses(this.db.manager, unitId, dto.clauses);
      const id = await this.write(async (m) => {
        const repo = m.getRepository(Evidence);
        const evidence = await repo.save(
          repo.create({
            unitId,
            title: dto.title,
            description: dto.description ?? null,
            reference: dto.reference ?? null,
            validUntil: dto.validUntil ?? null,
            status: 'submitted',
            reviewReason: null,
            reviewedById: null,
            reviewedAt: null,
            clauses,
            createdById: me.id,
            withdrawnAt: null,
          }),
        );
        const version = upload.file
          ? await this.insertVersion(m, evidence.id, 1, upload.file, me)
          : null;
        await recordAudit(m, {
          actorId: me.id,
          action: 'evidence.create',
          entity: 'evidence',
          entityId: evidence.id,
          unitId,
          organisationId: unit.organisationId,
          changes: fieldChanges(null, {
            ...snapshot(evidence, clauses),
            ...(version ? { version: versionSnapshot(version) } : {}),
          }),
        });
        if (upload.file) await this.store.commit(upload.file);
        return evidence.id;
      });
      return await this.get(me, id);
    } finally {
      if (upload.file) await this.store.discard(upload.file);
    }
  }

  async addVersion(me: Principal, id: string, req: Request): Promise<EvidenceDetail> {
    await this.changeable(this.db.manager, me, id);
    const upload = await this.receive(req, { allowWithoutFile: false });
    try {
      const unexpected = Object.keys(upload.fields);
      if (unexpected.length)
        throw new ValidationFailed(
          unexpected.map((field) => ({ field, rule: 'whitelistValidation' })),
        );
      const file = upload.file;
      if (!file) throw new ValidationFailed([{ field: 'file', rule: 'isDefined' }]);
      await this.write(async (m) => {
        const evidence = await this.changeable(m, me, id);
        const status = statusAfterChange(evidence.status, { newVersion: true, changedFields: [] });
        await m
          .getRepository(Evidence)
          .update({ id }, { status, reviewReason: null, reviewedById: null, reviewedAt: null });
        const previous = Number(
          (await m.getRepository(EvidenceVersion).maximum('number', { evidenceId: id })) ?? 0,
        );
        const version = await this.insertVersion(m, id, previous + 1, file, me);
        await recordAudit(m, {
          actorId: me.id,
          action: 'evidence.version_add',
          entity: 'evidence',
          entityId: id,
          unitId: evidence.unitId,
          organisationId: evidence.unit?.organisationId ?? null,
          changes: {
            version: { before: previous || null, after: versionSnapshot(version) },
            ...fieldChanges(
              { status: evidence.status, reviewReason: evidence.reviewReason },
              { status, reviewReason: null },
            ),
          },
        });
        await this.readiness.snapshotIfChanged(m, evidence.unitId);
        await this.store.commit(file);
      });
      return await this.get(me, id);
    } finally {
      if (upload.file) await this.store.discard(upload.file);
    }
  }

  async review(me: Principal, id: string, dto: ReviewEvidenceDto): Promise<EvidenceDetail> {
    await this.write(async (m) => {
      const evidence = await this.changeable(m, me, id);
      const before = {
        status: evidence.status,
        reviewReason: evidence.reviewReason,
        reviewedById: evidence.reviewedById,
        reviewedAt: evidence.reviewedAt,
      };
      const after = {
        status: dto.decision,
        reviewReason: dto.reason ?? null,
        reviewedById: me.id,
        reviewedAt: new Date(),
      };
      await m.getRepository(Evidence).update({ id }, after);
      await recordAudit(m, {
        actorId: me.id,
        action: 'evidence.review',
        entity: 'evidence',
        entityId: id,
        unitId: evidence.unitId,
        organisationId: evidence.unit?.organisationId ?? null,
        changes: fieldChanges(before, after),
      });
      await this.readiness.snapshotIfChanged(m, evidence.unitId);
    });
    return this.get(me, id);
  }

  async update(me: Principal, id: string, dto: UpdateEvidenceDto): Promise<EvidenceDetail> {
    await this.write(async (m) => {
      const evidence = await this.changeable(m, me, id);
      const clausesBefore = evidence.clauses ?? [];
      const before = snapshot(evidence, clausesBefore);
      const clauses =
        dto.clauses !== undefined
          ? await this.resolveClauses(m, evidence.unitId, dto.clauses)
          : clausesBefore;
      if (dto.title !== undefined) evidence.title = dto.title;
      if (dto.description !== undefined) evidence.description = dto.description;
      if (dto.validUntil !== undefined) evidence.validUntil = dto.validUntil;
      if (dto.reference !== undefined) evidence.reference = dto.reference;
      if (
        !evidence.reference &&
        !(await m.getRepository(EvidenceVersion).existsBy({ evidenceId: id }))
      )
        throw new ValidationFailed([{ field: 'reference', rule: 'referenceOrFile' }]);
      const changed = Object.keys(fieldChanges(before, snapshot(evidence, clauses)));
      if (changed.length === 0) return;
      const status = statusAfterChange(evidence.status, {
        newVersion: false,
        changedFields: changed,
      });
      if (status !== evidence.status) {
        evidence.status = status;
        evidence.reviewReason = null;
        evidence.reviewedById = null;
        evidence.reviewedAt = null;
      }
      evidence.clauses = clauses;
      await m.getRepository(Evidence).save(evidence);
      await recordAudit(m, {
        actorId: me.id,
        action: 'evidence.update',
        entity: 'evidence',
        entityId: id,
        unitId: evidence.unitId,
        organisationId: evidence.unit?.organisationId ?? null,
        changes: fieldChanges(before, snapshot(evidence, clauses)),
      });
      await this.readiness.snapshotIfChanged(m, evidence.unitId);
    });
    return this.get(me, id);
  }

  async withdraw(me: Principal, id: string, dto: WithdrawEvidenceDto): Promise<EvidenceDetail> {
    await this.write(async (m) => {
      const evidence = await this.changeable(m, me, id);
      const at = new Date();
      await m
        .getRepository(Evidence)
        .update({ id }, { withdrawnAt: at, withdrawalReason: dto.reason, withdrawnById: me.id });
      await recordAudit(m, {
        actorId: me.id,
        action: 'evidence.withdraw',
        entity: 'evidence',
        entityId: id,
        unitId: evidence.unitId,
        organisationId: evidence.unit?.organisationId ?? null,
        changes: {
          withdrawnAt: { before: null, after: at.toISOString() },
          reason: { before: null, after: dto.reason },
        },
      });
      await this.readiness.snapshotIfChanged(m, evidence.unitId);
    });
    return this.get(me, id);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A write transaction (SQLite transactions are queued for the whole app: database/sqlite-transactions.ts). */
  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  private receive(req: Request, options: { allowWithoutFile: boolean }): Promise<Upload> {
    // An item without a file may also come as JSON or a plain form (already parsed by Express).
    const body: unknown = req.body;
    if (
      options.allowWithoutFile &&
      !isMultipart(req) &&
      body !== null &&
      typeof body === 'object' &&
      !Array.isArray(body) &&
      req.is(['application/json', 'application/x-www-form-urlencoded'])
    )
      return Promise.resolve({ fields: body as Upload['fields'], file: null });
    return receiveUpload(req, {
      store: this.store,
      limitBytes: this.config.uploadLimitBytes,
      fileField: 'file',
      listFields: ['clauses'],
    });
  }

  /** The item, if the caller's scope covers its unit; the scope is part of the query. */
  private async inScope(
    me: Principal,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<Evidence> {
    const evidence = await m.getRepository(Evidence).findOne({
      where: { id, unitId: this.scope.inScope(me) },
      relations: { unit: true, clauses: true },
    });
    if (!evidence) throw new NotFound('evidence', id);
    return evidence;
  }

  /**
   * An item the caller may change: in scope and not withdrawn. Inside a write transaction its row
   * is locked first (PostgreSQL; SQLite writes run one at a time), so that two changes of one item
   * queue up: versions are numbered without clashes and audit events show the true "before".
   */
  private async changeable(m: EntityManager, me: Principal, id: string): Promise<Evidence> {
    await lockRow(m, Evidence, id);
    const evidence = await this.inScope(me, id, m);
    if (evidence.withdrawnAt) throw new Conflict('evidence_withdrawn');
    return evidence;
  }

  private async insertVersion(
    m: EntityManager,
    evidenceId: string,
    number: number,
    file: ReceivedFile,
    me: Principal,
  ): Promise<EvidenceVersion> {
    const repo = m.getRepository(EvidenceVersion);
    return repo.save(
      repo.create({
        evidenceId,
        number,
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        originalName: file.originalName,
        uploadedById: me.id,
        uploadedAt: new Date(),
      }),
    );
  }

  /**
   * Clause numbers → leaf clauses of the unit's standard: the standards of its assessments, the
   * most recent first (every loaded standard while it has none). Unknown numbers are bad input
   * (400); a clause of another standard or one with sub-clauses is refused by the domain (422).
   */
  private async resolveClauses(
    m: EntityManager,
    unitId: string,
    numbers: string[],
  ): Promise<Clause[]> {
    const standards = await this.unitStandards(m, unitId);
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
      throw new RuleViolation(
        'clause_other_standard',
        { clauses: foreign.join(', '), standard: standards.map((s) => s.code).join(', ') },
        [{ field: 'clauses', rule: 'clauseOtherStandard', values: foreign }],
      );
    if (parents.length)
      throw new RuleViolation('clause_not_leaf', { clauses: parents.join(', ') }, [
        { field: 'clauses', rule: 'clauseNotLeaf', values: parents },
      ]);
    return chosen;
  }

  private async unitStandards(m: EntityManager, unitId: string): Promise<Standard[]> {
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
    const withClauses = await m
      .getRepository(Evidence)
      .find({ where: { id: In(ids) }, relations: { clauses: true }, select: { id: true } });
    const clausesOf = new Map(withClauses.map((e) => [e.id, e.clauses ?? []]));
    const versions = await m
      .getRepository(EvidenceVersion)
      .find({ where: { evidenceId: In(ids) }, order: { number: 'ASC' } });
    const people = await peopleById(m, [
      ...rows.flatMap((r) => [r.createdById, r.reviewedById]),
      ...versions.map((v) => v.uploadedById),
    ]);
    return rows.map((e) => {
      const own = versions.filter((v) => v.evidenceId === e.id);
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
        clauses: [...(clausesOf.get(e.id) ?? [])]
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
