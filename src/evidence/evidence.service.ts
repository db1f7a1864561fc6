import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import type { Page } from '../common/pagination.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { lockRow } from '../database/row-lock.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import type { Clause } from '../standards/clause.entity.js';
import { EvidenceError } from './evidence-errors.js';
import { resolveClauses } from './evidence-clauses.js';
import { statusAfterChange } from './evidence-rules.js';
import { EvidenceStore } from './evidence-store.js';
import { EvidenceVersion } from './evidence-version.entity.js';
import {
  bySortKey,
  evidenceInScope,
  EvidenceViews,
  type EvidenceDetail,
  type EvidenceView,
} from './evidence-views.js';
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
import type { ReceivedFile, Upload } from './multipart.js';
import type { IncomingUpload } from './upload-intake.js';

// The views moved to evidence-views.ts; their types are still named from here.
export type {
  ClauseRef,
  EvidenceDetail,
  EvidenceVersionView,
  EvidenceView,
} from './evidence-views.js';

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

/**
 * The life cycle of evidence: submitted (with a file or a reference), new versions, the assessor's
 * review, corrections and withdrawal, each with its audit event and readiness in one transaction.
 * Reading is evidence-views.ts; which clauses an item may name is evidence-clauses.ts; the upload
 * arrives as an IncomingUpload (upload-intake.ts), read only once the checks before it passed.
 */
@Injectable()
export class EvidenceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly scope: ScopeService,
    private readonly store: EvidenceStore,
    private readonly readiness: ReadinessKeeper,
    private readonly views: EvidenceViews,
  ) {}

  // ---- reading (evidence-views.ts) ----------------------------------------------------------

  list(me: Principal, unitId: string, query: EvidenceListQuery): Promise<Page<EvidenceView>> {
    return this.views.list(me, unitId, query);
  }

  get(me: Principal, id: string): Promise<EvidenceDetail> {
    return this.views.get(me, id);
  }

  /** One stored version, checked against its row before a byte is sent. */
  download(me: Principal, id: string, number: number): Promise<FileDownload> {
    return this.views.download(me, id, number);
  }

  // ---- changing ------------------------------------------------------------------------------

  async create(me: Principal, unitId: string, incoming: IncomingUpload): Promise<EvidenceDetail> {
    await this.scope.requireUnit(me, unitId);
    const unit = await this.db.getRepository(Unit).findOneBy({ id: unitId });
    if (!unit || unit.withdrawnAt) throw new NotFound('unit', unitId);
    // Refusals above come before a byte of the body is read; nothing below stores anything
    // until every check has passed.
    const upload = await this.receive(incoming, { allowWithoutFile: true });
    try {
      const dto = await validateFields(CreateEvidenceFields, upload.fields);
      if (!upload.file && !dto.reference)
        throw new ValidationFailed([{ field: 'reference', rule: 'referenceOrFile' }]);
      const clauses = await resolveClauses(this.db.manager, unitId, dto.clauses);
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

  async addVersion(me: Principal, id: string, incoming: IncomingUpload): Promise<EvidenceDetail> {
    await this.changeable(this.db.manager, me, id);
    const upload = await this.receive(incoming, { allowWithoutFile: false });
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
        await this.readiness.unitsChanged(m, evidence.unitId);
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
      await this.readiness.unitsChanged(m, evidence.unitId);
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
          ? await resolveClauses(m, evidence.unitId, dto.clauses)
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
      await this.readiness.unitsChanged(m, evidence.unitId);
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
      await this.readiness.unitsChanged(m, evidence.unitId);
    });
    return this.get(me, id);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /** A write transaction (SQLite transactions are queued for the whole app: database/sqlite-transactions.ts). */
  private write<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(work);
  }

  /** Reads the upload now that every check that needs no byte of it has passed. */
  private receive(
    incoming: IncomingUpload,
    options: { allowWithoutFile: boolean },
  ): Promise<Upload> {
    return incoming.receive({
      ...options,
      store: this.store,
      limitBytes: this.config.uploadLimitBytes,
      fileField: 'file',
      listFields: ['clauses'],
    });
  }

  /**
   * An item the caller may change: in scope and not withdrawn. Inside a write transaction its row
   * is locked first (PostgreSQL; SQLite writes run one at a time), so that two changes of one item
   * queue up: versions are numbered without clashes and audit events show the true "before".
   */
  private async changeable(m: EntityManager, me: Principal, id: string): Promise<Evidence> {
    await lockRow(m, Evidence, id);
    const evidence = await evidenceInScope(m, this.scope, me, id);
    if (evidence.withdrawnAt) throw new EvidenceError('evidence_withdrawn');
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
}
