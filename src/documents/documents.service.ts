import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, QueryFailedError, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import { peopleById, type PersonRef } from '../auth/people.js';
import { can } from '../auth/permissions.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { User } from '../auth/user.entity.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound, ValidationFailed } from '../common/domain-error.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { validateFields } from '../evidence/evidence.dto.js';
import { EvidenceError } from '../evidence/evidence-errors.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import type { FileDownload } from '../evidence/file-download.js';
import type { ReceivedFile } from '../evidence/multipart.js';
import type { IncomingUpload } from '../evidence/upload-intake.js';
import { lockRow } from '../database/row-lock.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessKeeper } from '../common/readiness-keeper.js';
import { Clause } from '../standards/clause.entity.js';
import { DocumentAcknowledgement } from './document-acknowledgement.entity.js';
import { DocumentClauses } from './document-clauses.js';
import { DocumentError } from './document-errors.js';
import {
  availableTransitions,
  DEFAULT_NUMBER_PATTERN,
  formatDocumentNumber,
  isRevisionEditable,
  judgeTransition,
} from './document-rules.js';
import { DocumentRevision } from './document-revision.entity.js';
import type { DocumentPower, RevisionState } from './document-types.js';
import { documentView, revisionView, type ViewContext } from './document-view-builder.js';
import type { DocumentDetail, DocumentView } from './document-views.js';
import { Document } from './document.entity.js';
import {
  CreateRevisionFields,
  type CreateDocumentDto,
  type DistributionDto,
  type DocumentJudgementDto,
  type PeriodicReviewDto,
  type RevisionTransitionDto,
  type UpdateDocumentDto,
  type UpdateRevisionDto,
} from './documents.dto.js';
import { documentReviewGraceDays } from './review-grace.js';

const isUniqueViolation = (error: unknown): boolean => {
  if (!(error instanceof QueryFailedError)) return false;
  const code = (error.driverError as { code?: unknown } | undefined)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE';
};

/** What the audit trail records of a document. */
const snapshot = (d: Document, clauses: Clause[]): Record<string, unknown> => ({
  number: d.number,
  title: d.title,
  type: d.type,
  owner: d.owner,
  reviewMonths: d.reviewMonths,
  confidentiality: d.confidentiality,
  organisationWide: d.organisationWide,
  clauses: clauses.map((c) => c.number).sort(),
});

export interface DocumentPowers {
  powers: DocumentPower[];
}

/** The caller's powers over documents, from the permission table. */
export const powersOf = (me: Principal): DocumentPower[] => [
  ...(can(me.role, 'documents.write') ? (['write'] as const) : []),
  ...(can(me.role, 'documents.approve') ? (['approve'] as const) : []),
];

/** Controlled documents (ISO 9001 7.5) of a unit, their revisions, approval and distribution. */
@Injectable()
export class DocumentsService {
  private readonly logger = new Logger('Documents');
  private readonly clauses = new DocumentClauses();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
    private readonly scope: ScopeService,
    private readonly store: EvidenceStore,
    private readonly readiness: ReadinessKeeper,
    private readonly clock: Clock,
  ) {}

  private today(): string {
    return todayInZone(this.clock.now());
  }

  // ---- reading -------------------------------------------------------------------------------

  /** Every document of a unit, by number (the master list). */
  async list(me: Principal, unitId: string): Promise<DocumentView[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db.getRepository(Document).find({
      where: { unitId, unit: { id: this.scope.inScope(me) } },
      relations: { clauses: true },
      order: { number: 'ASC' },
    });
    return this.views(this.db.manager, rows);
  }

  /** Every document of a unit with all its revisions (the master list and the gap report). */
  async register(me: Principal, unitId: string): Promise<DocumentDetail[]> {
    await this.scope.requireUnit(me, unitId);
    const rows = await this.db.getRepository(Document).find({
      where: { unitId, unit: { id: this.scope.inScope(me) } },
      relations: { clauses: true },
      order: { number: 'ASC' },
    });
    const views = await this.views(this.db.manager, rows);
    const revisions = rows.length
      ? await this.db.getRepository(DocumentRevision).find({
          where: { documentId: In(rows.map((r) => r.id)) },
          order: { number: 'ASC' },
        })
      : [];
    const people = await peopleById(
      this.db.manager,
      revisions.flatMap((r) => [r.authorId, r.approvedById]),
    );
    return views.map((v) => ({
      ...v,
      revisions: revisions
        .filter((r) => r.documentId === v.id)
        .map((r) => ({ ...revisionView(r, people), distribution: [] })),
    }));
  }

  async get(me: Principal, id: string): Promise<DocumentDetail> {
    const doc = await this.inScope(me, id);
    const [view] = await this.views(this.db.manager, [doc]);
    const revisions = await this.db
      .getRepository(DocumentRevision)
      .find({ where: { documentId: id }, order: { number: 'ASC' } });
    const acks = revisions.length
      ? await this.db.getRepository(DocumentAcknowledgement).find({
          where: { revisionId: In(revisions.map((r) => r.id)) },
          order: { createdAt: 'ASC' },
        })
      : [];
    const people = await peopleById(this.db.manager, [
      ...revisions.flatMap((r) => [r.authorId, r.approvedById]),
      ...acks.map((a) => a.userId),
    ]);
    const person = (pid: string): PersonRef => people.get(pid) ?? { id: pid, displayName: '?' };
    return {
      ...view,
      revisions: revisions.map((r) => ({
        ...revisionView(r, people),
        distribution: acks
          .filter((a) => a.revisionId === r.id)
          .map((a) => ({ user: person(a.userId), acknowledgedAt: a.acknowledgedAt })),
      })),
    };
  }

  /** The steps the caller may take on each revision (for the pages). */
  async actions(me: Principal, id: string): Promise<Map<number, RevisionState[]>> {
    await this.inScope(me, id);
    const revisions = await this.db.getRepository(DocumentRevision).findBy({ documentId: id });
    const powers = powersOf(me);
    return new Map(
      revisions.map((r) => [r.number, availableTransitions(r.state, powers, r.authorId === me.id)]),
    );
  }

  async download(me: Principal, id: string, n: number): Promise<FileDownload> {
    await this.inScope(me, id);
    const revision = await this.revision(this.db.manager, id, n);
    const size = await this.store.sizeOf(revision.sha256);
    if (size !== revision.size) {
      this.logger.error(`Document ${id} revision ${n}: stored file ${revision.sha256} unusable`);
      throw new EvidenceError('evidence_file_unavailable', { number: n });
    }
    return {
      sha256: revision.sha256,
      size: revision.size,
      mediaType: revision.mediaType,
      fileName: revision.originalName,
      open: () => this.store.read(revision.sha256),
    };
  }

  // ---- changing documents --------------------------------------------------------------------

  async create(me: Principal, unitId: string, dto: CreateDocumentDto): Promise<DocumentDetail> {
    await this.scope.requireUnit(me, unitId);
    const id = await this.db.transaction(async (m) => {
      await lockRow(m, Unit, unitId);
      const unit = await m.getRepository(Unit).findOneBy({ id: unitId });
      if (!unit || unit.withdrawnAt) throw new NotFound('unit', unitId);
      const clauses = await this.clauses.resolve(m, unitId, dto.clauses);
      const number = dto.number ?? (await this.nextNumber(m, unit, dto.type));
      await this.refuseDuplicate(m, unitId, number);
      const repo = m.getRepository(Document);
      const doc = await this.saveUnique(number, () =>
        repo.save(
          repo.create({
            unitId,
            number,
            title: dto.title,
            type: dto.type,
            owner: dto.owner ?? null,
            reviewMonths: dto.reviewMonths,
            confidentiality: dto.confidentiality ?? 'internal',
            organisationWide: dto.organisationWide ?? false,
            lastReviewedOn: null,
            rejectedReason: null,
            rejectedById: null,
            rejectedAt: null,
            clauses,
            createdById: me.id,
          }),
        ),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'document.create',
        entity: 'document',
        entityId: doc.id,
        unitId,
        organisationId: unit.organisationId,
        changes: fieldChanges(null, snapshot(doc, clauses)),
      });
      return doc.id;
    });
    return this.get(me, id);
  }

  async update(me: Principal, id: string, dto: UpdateDocumentDto): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const before = snapshot(doc, doc.clauses ?? []);
      const clauses =
        dto.clauses !== undefined
          ? await this.clauses.resolve(m, doc.unitId, dto.clauses)
          : (doc.clauses ?? []);
      if (dto.number !== undefined && dto.number !== doc.number) {
        await this.refuseDuplicate(m, doc.unitId, dto.number);
        doc.number = dto.number;
      }
      if (dto.title !== undefined) doc.title = dto.title;
      if (dto.type !== undefined) doc.type = dto.type;
      if (dto.owner !== undefined) doc.owner = dto.owner;
      if (dto.reviewMonths !== undefined) doc.reviewMonths = dto.reviewMonths;
      if (dto.confidentiality !== undefined) doc.confidentiality = dto.confidentiality;
      if (dto.organisationWide !== undefined) doc.organisationWide = dto.organisationWide;
      const changes = fieldChanges(before, snapshot(doc, clauses));
      if (Object.keys(changes).length === 0) return;
      doc.clauses = clauses;
      await this.saveUnique(doc.number, () => m.getRepository(Document).save(doc));
      await this.audit(m, me, doc, 'document.update', changes);
      await this.refreshReadiness(m, doc, before.organisationWide === true);
    });
    return this.get(me, id);
  }

  /** An assessor's judgement of the document as documented information (reject with a reason). */
  async judge(me: Principal, id: string, dto: DocumentJudgementDto): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const before = { rejectedReason: doc.rejectedReason };
      const rejected = dto.decision === 'rejected';
      const after = {
        rejectedReason: rejected ? dto.reason! : null,
        rejectedById: rejected ? me.id : null,
        rejectedAt: rejected ? this.clock.now() : null,
      };
      await m.getRepository(Document).update({ id }, after);
      await this.audit(m, me, doc, 'document.judge', {
        decision: { before: null, after: dto.decision },
        ...fieldChanges(before, { rejectedReason: after.rejectedReason }),
      });
      await this.refreshReadiness(m, doc);
    });
    return this.get(me, id);
  }

  /** A periodic review that confirms the effective revision without a new file. */
  async confirmReview(me: Principal, id: string, dto: PeriodicReviewDto): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const effective = await m
        .getRepository(DocumentRevision)
        .findOneBy({ documentId: id, state: 'effective' });
      if (!effective) throw new DocumentError('document_review_without_effective');
      const today = this.today();
      await m.getRepository(Document).update({ id }, { lastReviewedOn: today });
      await this.audit(m, me, doc, 'document.review', {
        lastReviewedOn: { before: doc.lastReviewedOn, after: today },
        revision: { before: null, after: effective.number },
        ...(dto.note ? { note: { before: null, after: dto.note } } : {}),
      });
      await this.refreshReadiness(m, doc);
    });
    return this.get(me, id);
  }

  // ---- revisions -----------------------------------------------------------------------------

  /** A new draft revision; its upload is read only once the document is known to be in scope. */
  async addRevision(me: Principal, id: string, incoming: IncomingUpload): Promise<DocumentDetail> {
    await this.inScope(me, id);
    const upload = await incoming.receive({
      allowWithoutFile: false,
      store: this.store,
      limitBytes: this.config.uploadLimitBytes,
      fileField: 'file',
    });
    try {
      const fields = await validateFields(CreateRevisionFields, upload.fields);
      const file = upload.file;
      if (!file) throw new ValidationFailed([{ field: 'file', rule: 'isDefined' }]);
      await this.db.transaction(async (m) => {
        const doc = await this.locked(m, me, id);
        const repo = m.getRepository(DocumentRevision);
        const previous = Number((await repo.maximum('number', { documentId: id })) ?? 0);
        const revision = await this.insertRevision(m, id, previous + 1, fields.summary, file, me);
        await this.audit(m, me, doc, 'document.revision_add', {
          revision: {
            before: previous || null,
            after: { number: revision.number, sha256: revision.sha256, size: revision.size },
          },
        });
        await this.store.commit(file);
      });
      return await this.get(me, id);
    } finally {
      if (upload.file) await this.store.discard(upload.file);
    }
  }

  async updateRevision(
    me: Principal,
    id: string,
    n: number,
    dto: UpdateRevisionDto,
  ): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const revision = await this.revision(m, id, n);
      if (!isRevisionEditable(revision.state))
        throw new DocumentError('document_revision_locked', { number: n, state: revision.state });
      if (revision.summary === dto.summary) return;
      await m.getRepository(DocumentRevision).update({ id: revision.id }, { summary: dto.summary });
      await this.audit(m, me, doc, 'document.revision_update', {
        revision: { before: null, after: n },
        summary: { before: revision.summary, after: dto.summary },
      });
    });
    return this.get(me, id);
  }

  /**
   * One step of a revision's life cycle. The document's row is locked first, so that two steps on
   * revisions of one document queue up: two revisions made effective at once end with one of them
   * effective and the other superseded.
   */
  async transition(
    me: Principal,
    id: string,
    n: number,
    dto: RevisionTransitionDto,
  ): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const revision = await this.revision(m, id, n);
      const verdict = judgeTransition(
        revision.state,
        dto.to,
        powersOf(me),
        revision.authorId === me.id,
      );
      if (!verdict.ok) {
        if (verdict.reason === 'not_allowed_now')
          throw new DocumentError(
            'document_transition_not_allowed',
            { from: revision.state, to: dto.to, allowed: verdict.allowed.join(', ') || '—' },
            { allowed: verdict.allowed },
          );
        if (verdict.reason === 'own_revision')
          throw new DocumentError('document_own_revision', { number: n });
        throw new DocumentError('document_transition_role', { to: dto.to });
      }
      const now = this.clock.now();
      const today = this.today();
      const repo = m.getRepository(DocumentRevision);
      const change: Partial<DocumentRevision> = { state: dto.to };
      const extra: Record<string, { before: unknown; after: unknown }> = {};
      if (dto.to === 'in_review') change.submittedAt = now;
      if (dto.to === 'approved') {
        change.approvedById = me.id;
        change.approvedAt = now;
        change.approvalStatement = dto.note ?? null;
      }
      if (dto.to === 'draft') {
        change.submittedAt = null;
      }
      if (dto.to === 'superseded' || dto.to === 'withdrawn') change.endedAt = now;
      if (dto.to === 'effective') {
        const from = dto.effectiveFrom ?? today;
        if (from > today) throw new DocumentError('document_effective_future', { day: from });
        change.effectiveFrom = from;
        const current = await repo.findOneBy({ documentId: id, state: 'effective' });
        if (current && current.number > n)
          throw new DocumentError('document_revision_older', {
            number: n,
            effective: current.number,
          });
        if (current) {
          await repo.update({ id: current.id }, { state: 'superseded', endedAt: now });
          extra.superseded = { before: null, after: current.number };
        }
        // A new effective revision is a new text: an earlier rejection judged the old one.
        if (doc.rejectedReason !== null) {
          await m
            .getRepository(Document)
            .update({ id }, { rejectedReason: null, rejectedById: null, rejectedAt: null });
          extra.rejectedReason = { before: doc.rejectedReason, after: null };
        }
      }
      await repo.update({ id: revision.id }, change);
      await this.audit(m, me, doc, 'document.revision_transition', {
        revision: { before: null, after: n },
        state: { before: revision.state, after: dto.to },
        ...(dto.note ? { note: { before: null, after: dto.note } } : {}),
        ...(change.effectiveFrom
          ? { effectiveFrom: { before: null, after: change.effectiveFrom } }
          : {}),
        ...extra,
      });
      if (dto.to === 'effective' || revision.state === 'effective')
        await this.refreshReadiness(m, doc);
    });
    return this.get(me, id);
  }

  /** Who must read a revision: adds people to its distribution (those already on it stay). */
  async distribute(
    me: Principal,
    id: string,
    n: number,
    dto: DistributionDto,
  ): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const revision = await this.revision(m, id, n);
      if (revision.state === 'superseded' || revision.state === 'withdrawn')
        throw new DocumentError('document_revision_obsolete', { number: n });
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: doc.unitId });
      const users = await m
        .getRepository(User)
        .createQueryBuilder('u')
        .leftJoin('u.units', 'uu')
        .where('u.id IN (:...ids)', { ids: dto.userIds })
        .andWhere('u.active = :active', { active: true })
        .andWhere('(uu.id = :unitId OR u.organisationId = :org)', {
          unitId: doc.unitId,
          org: unit.organisationId,
        })
        .getMany();
      const found = new Set(users.map((u) => u.id));
      const unknown = dto.userIds.filter((u) => !found.has(u));
      if (unknown.length)
        throw new ValidationFailed([{ field: 'userIds', rule: 'unknownUsers', values: unknown }]);
      const repo = m.getRepository(DocumentAcknowledgement);
      const existing = new Set(
        (await repo.findBy({ revisionId: revision.id, userId: In(dto.userIds) })).map(
          (a) => a.userId,
        ),
      );
      const added = dto.userIds.filter((u) => !existing.has(u));
      if (added.length === 0) return;
      await repo.save(added.map((userId) => repo.create({ revisionId: revision.id, userId })));
      await this.audit(m, me, doc, 'document.distribute', {
        revision: { before: null, after: n },
        readers: { before: null, after: added },
      });
    });
    return this.get(me, id);
  }

  /** The caller confirms they have read a revision distributed to them ("sudah dibaca"). */
  async acknowledge(me: Principal, id: string, n: number): Promise<DocumentDetail> {
    await this.db.transaction(async (m) => {
      const doc = await this.locked(m, me, id);
      const revision = await this.revision(m, id, n);
      const repo = m.getRepository(DocumentAcknowledgement);
      const ack = await repo.findOneBy({ revisionId: revision.id, userId: me.id });
      if (!ack) throw new DocumentError('document_not_distributed', { number: n });
      if (ack.acknowledgedAt) return;
      const at = this.clock.now();
      await repo.update({ id: ack.id }, { acknowledgedAt: at });
      await this.audit(m, me, doc, 'document.acknowledge', {
        revision: { before: null, after: n },
        acknowledgedAt: { before: null, after: at.toISOString() },
      });
    });
    return this.get(me, id);
  }

  // ---- helpers -------------------------------------------------------------------------------

  private async inScope(
    me: Principal,
    id: string,
    m: EntityManager = this.db.manager,
  ): Promise<Document> {
    const doc = await m.getRepository(Document).findOne({
      where: { id, unitId: this.scope.inScope(me) },
      relations: { unit: true, clauses: true },
    });
    if (!doc) throw new NotFound('document', id);
    return doc;
  }

  /** The document, in scope, its row locked for the rest of the transaction. */
  private async locked(m: EntityManager, me: Principal, id: string): Promise<Document> {
    await lockRow(m, Document, id);
    return this.inScope(me, id, m);
  }

  private async revision(
    m: EntityManager,
    documentId: string,
    n: number,
  ): Promise<DocumentRevision> {
    const revision = await m.getRepository(DocumentRevision).findOneBy({ documentId, number: n });
    if (!revision) throw new DocumentError('document_revision_not_found', { number: n });
    return revision;
  }

  private async refuseDuplicate(m: EntityManager, unitId: string, number: string): Promise<void> {
    if (await m.getRepository(Document).existsBy({ unitId, number }))
      throw new DocumentError('document_number_taken', { number });
  }

  /** A unique-index clash (a parallel create with the same number) reads as the 409 it is. */
  private async saveUnique<T>(number: string, save: () => Promise<T>): Promise<T> {
    try {
      return await save();
    } catch (error) {
      if (isUniqueViolation(error)) throw new DocumentError('document_number_taken', { number });
      throw error;
    }
  }

  /** The first free number of the unit's pattern for this type. */
  private async nextNumber(m: EntityManager, unit: Unit, type: Document['type']): Promise<string> {
    const pattern = unit.documentNumberPattern ?? DEFAULT_NUMBER_PATTERN;
    const year = Number(this.today().slice(0, 4));
    const taken = new Set(
      (
        await m
          .getRepository(Document)
          .find({ where: { unitId: unit.id }, select: { number: true } })
      ).map((d) => d.number),
    );
    for (let seq = 1; ; seq++) {
      const number = formatDocumentNumber(pattern, { type, unitCode: unit.code, year, seq });
      if (!taken.has(number)) return number;
    }
  }

  private insertRevision(
    m: EntityManager,
    documentId: string,
    number: number,
    summary: string,
    file: ReceivedFile,
    me: Principal,
  ): Promise<DocumentRevision> {
    const repo = m.getRepository(DocumentRevision);
    return repo.save(
      repo.create({
        documentId,
        number,
        summary,
        state: 'draft',
        sha256: file.sha256,
        size: file.size,
        mediaType: file.mediaType,
        originalName: file.originalName,
        authorId: me.id,
        submittedAt: null,
        approvedById: null,
        approvedAt: null,
        approvalStatement: null,
        effectiveFrom: null,
        endedAt: null,
      }),
    );
  }

  private audit(
    m: EntityManager,
    me: Principal,
    doc: Document,
    action: string,
    changes: Record<string, { before: unknown; after: unknown }>,
  ): Promise<unknown> {
    return recordAudit(m, {
      actorId: me.id,
      action,
      entity: 'document',
      entityId: doc.id,
      unitId: doc.unitId,
      organisationId: doc.unit?.organisationId ?? null,
      changes,
    });
  }

  /** Readiness of the unit, or of every unit of the organisation for an organisation-wide document. */
  private async refreshReadiness(m: EntityManager, doc: Document, wasWide = false): Promise<void> {
    if ((doc.organisationWide || wasWide) && doc.unit)
      await this.readiness.organisationChanged(m, doc.unit.organisationId);
    else await this.readiness.unitsChanged(m, doc.unitId);
  }

  async views(m: EntityManager, rows: Document[]): Promise<DocumentView[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const revisions = await m
      .getRepository(DocumentRevision)
      .find({ where: { documentId: In(ids) }, order: { number: 'ASC' } });
    const people = await peopleById(
      m,
      rows.map((r) => r.rejectedById),
    );
    const context: ViewContext = {
      today: this.today(),
      graceDays: documentReviewGraceDays(),
      people,
    };
    return rows.map((d) =>
      documentView(
        d,
        revisions.filter((r) => r.documentId === d.id),
        context,
      ),
    );
  }
}
