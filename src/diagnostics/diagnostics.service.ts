import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, LessThan, type EntityManager } from 'typeorm';
import { fieldChanges, recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { Clock } from '../common/clock.js';
import { NotFound } from '../common/domain-error.js';
import { DiagnosticError } from './diagnostic-errors.js';
import { lockRow } from '../database/row-lock.js';
import { Evidence } from '../evidence/evidence.entity.js';
import type { Language } from '../i18n/i18n.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { DiagnosticCatalogue } from './diagnostic-catalogue.entity.js';
import { DiagnosticIndicator } from './diagnostic-indicator.entity.js';
import { DiagnosticRatingRecord } from './diagnostic-rating.entity.js';
import type { DiagnosticRating, Quadrant } from './diagnostic-rules.js';
import {
  diagnosticSummary,
  diagnosticView,
  indicatorView,
  type DiagnosticSummaryView,
  type DiagnosticView,
  type IndicatorRatingView,
  type RatingWithIndicator,
} from './diagnostic-views.js';
import { Diagnostic } from './diagnostic.entity.js';
import {
  DEFAULT_DIAGNOSTIC_CATALOGUE,
  type CreateDiagnosticDto,
  type RateIndicatorDto,
} from './diagnostics.dto.js';
import { isUniqueViolation } from '../database/unique-violation.js';

/** How many evidence items the rating form offers. */
const MAX_EVIDENCE_CHOICES = 200;

/** What a rating looked like, for the audit trail. */
const audited = (r: DiagnosticRatingRecord) => ({
  rating: r.rating,
  note: r.note,
  evidenceIds: (r.evidence ?? []).map((e) => e.id).sort(),
});

/**
 * ISO 18091 Annex A diagnostics of an organisation. A diagnostic is organisation data, not unit
 * data: the caller sees the diagnostics of their own organisation (an administrator of no
 * organisation: all), and a diagnostic of another organisation is simply not found.
 */
@Injectable()
export class DiagnosticsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  /** The condition "organisation the caller may see" for find options. */
  private visibleOrganisation(me: Principal, id: string): string | null {
    const visible = this.scope.visibleOrganisationIds(me);
    return visible === 'all' || visible.includes(id) ? id : null;
  }

  private async requireOrganisation(
    m: EntityManager,
    me: Principal,
    id: string,
  ): Promise<Organisation> {
    const visible = this.visibleOrganisation(me, id);
    const org = visible ? await m.getRepository(Organisation).findOneBy({ id: visible }) : null;
    if (!org) throw new NotFound('organisation', id);
    return org;
  }

  /** A diagnostic of an organisation the caller may see, found in one query, or not found. */
  private async findDiagnostic(m: EntityManager, me: Principal, id: string): Promise<Diagnostic> {
    const visible = this.scope.visibleOrganisationIds(me);
    const d =
      visible === 'all' || visible.length > 0
        ? await m.getRepository(Diagnostic).findOne({
            where: { id, ...(visible === 'all' ? {} : { organisationId: In(visible) }) },
            relations: { catalogue: true },
          })
        : null;
    if (!d) throw new NotFound('diagnostic', id);
    return d;
  }

  async list(
    me: Principal,
    organisationId: string,
    lang: Language,
  ): Promise<DiagnosticSummaryView[]> {
    await this.requireOrganisation(this.db.manager, me, organisationId);
    const diagnostics = await this.db.getRepository(Diagnostic).find({
      where: { organisationId },
      relations: { catalogue: true },
      order: { period: 'DESC' },
    });
    const rows = diagnostics.length
      ? await this.db
          .getRepository(DiagnosticRatingRecord)
          .createQueryBuilder('r')
          .innerJoin('r.indicator', 'i')
          .select('r.diagnosticId', 'diagnosticId')
          .addSelect('i.quadrant', 'quadrant')
          .addSelect('r.rating', 'rating')
          .where('r.diagnosticId IN (:...ids)', { ids: diagnostics.map((d) => d.id) })
          .getRawMany<{
            diagnosticId: string;
            quadrant: Quadrant;
            rating: DiagnosticRating | null;
          }>()
      : [];
    return diagnostics.map((d) =>
      diagnosticSummary(
        d,
        d.catalogue!,
        rows.filter((r) => r.diagnosticId === d.id),
        lang,
      ),
    );
  }

  /** Opens the diagnostic of a period against the newest version of a catalogue; one per period. */
  async create(
    me: Principal,
    organisationId: string,
    dto: CreateDiagnosticDto,
    lang: Language,
  ): Promise<DiagnosticView> {
    const id = await this.db
      .transaction(async (m) => {
        const org = await this.requireOrganisation(m, me, organisationId);
        return openDiagnostic(m, org, {
          period: dto.period,
          catalogue: dto.catalogue ?? DEFAULT_DIAGNOSTIC_CATALOGUE,
          label: dto.label ?? null,
          actorId: me.id,
        });
      })
      .catch((error: unknown) => {
        // Another request opened the same period between our check and our write.
        if (isUniqueViolation(error))
          throw new DiagnosticError('diagnostic_period_exists', { period: dto.period });
        throw error;
      });
    return this.get(me, id, lang);
  }

  async get(me: Principal, id: string, lang: Language): Promise<DiagnosticView> {
    const m = this.db.manager;
    const d = await this.findDiagnostic(m, me, id);
    const ratings = await this.ratingsOf(m, d.id);
    const previous = await previousDiagnostic(m, d);
    const previousRatings = previous
      ? new Map((await this.ratingsOf(m, previous.id)).map((r) => [r.indicator.code, r.rating]))
      : null;
    return diagnosticView(
      d,
      d.catalogue!,
      ratings,
      previous && previousRatings ? { diagnostic: previous, ratings: previousRatings } : null,
      lang,
    );
  }

  /** The newest diagnostic of an organisation the caller may see, or null (for the summary PDF). */
  async latest(
    me: Principal,
    organisationId: string,
    lang: Language,
  ): Promise<DiagnosticView | null> {
    const visible = this.visibleOrganisation(me, organisationId);
    const d = visible
      ? await this.db.getRepository(Diagnostic).findOne({
          where: { organisationId: visible },
          order: { period: 'DESC' },
        })
      : null;
    return d ? this.get(me, d.id, lang) : null;
  }

  private ratingsOf(m: EntityManager, diagnosticId: string): Promise<RatingWithIndicator[]> {
    return m.getRepository(DiagnosticRatingRecord).find({
      where: { diagnosticId },
      relations: { indicator: true, evidence: true, ratedBy: true },
    }) as Promise<RatingWithIndicator[]>;
  }

  /**
   * Rates one indicator. Parallel ratings of one indicator queue up on its row: each reads what the
   * last one wrote, so the last write wins and every one is audited with its true "before".
   */
  async rate(
    me: Principal,
    id: string,
    code: string,
    dto: RateIndicatorDto,
    lang: Language,
  ): Promise<IndicatorRatingView> {
    return this.db.transaction(async (m) => {
      const d = await this.findDiagnostic(m, me, id);
      const indicator = await m
        .getRepository(DiagnosticIndicator)
        .findOneBy({ catalogueId: d.catalogueId, code });
      if (!indicator)
        throw new DiagnosticError('diagnostic_indicator_not_found', {
          code,
          catalogue: `${d.catalogue!.code} v${d.catalogue!.version}`,
        });
      const repo = m.getRepository(DiagnosticRatingRecord);
      const key = { diagnosticId: d.id, indicatorId: indicator.id };
      const { id: rowId } = await repo.findOneByOrFail(key);
      await lockRow(m, DiagnosticRatingRecord, rowId);
      const row = await repo.findOneOrFail({ where: { id: rowId }, relations: { evidence: true } });
      const before = audited(row);
      if (dto.rating !== undefined) row.rating = dto.rating;
      if (dto.note !== undefined) row.note = dto.note;
      if (dto.evidenceIds !== undefined)
        row.evidence = await this.organisationEvidence(m, d.organisationId, dto.evidenceIds);
      row.ratedById = me.id;
      row.ratedAt = this.clock.now();
      await repo.save(row);
      await recordAudit(m, {
        actorId: me.id,
        action: 'diagnostic.rate',
        entity: 'diagnostic',
        entityId: d.id,
        organisationId: d.organisationId,
        changes: {
          indicator: { before: code, after: code },
          ...fieldChanges(before, audited(row)),
        },
      });
      const saved = (await repo.findOneOrFail({
        where: { id: rowId },
        relations: { indicator: true, evidence: true, ratedBy: true },
      })) as RatingWithIndicator;
      const previous = await previousDiagnostic(m, d);
      const previousRating = previous
        ? ((
            await repo
              .createQueryBuilder('r')
              .innerJoin('r.indicator', 'i')
              .where('r.diagnosticId = :id AND i.code = :code', { id: previous.id, code })
              .getOne()
          )?.rating ?? null)
        : null;
      return indicatorView(saved, previousRating, lang);
    });
  }

  /**
   * Evidence the caller may link to a diagnostic's indicators (the rating form's choices): the
   * organisation's units' evidence within the caller's unit scope, newest first. An outside
   * assessor sees no unit, so only the links already made.
   */
  async evidenceChoices(
    me: Principal,
    diagnosticId: string,
  ): Promise<{ id: string; title: string; unitName: string }[]> {
    const d = await this.findDiagnostic(this.db.manager, me, diagnosticId);
    const rows = await this.scope
      .restrict(
        this.db
          .getRepository(Evidence)
          .createQueryBuilder('e')
          .innerJoinAndSelect('e.unit', 'u')
          .where('u.organisationId = :org', { org: d.organisationId })
          .andWhere('e.withdrawnAt IS NULL'),
        'e.unitId',
        me,
      )
      .orderBy('e.createdAt', 'DESC')
      .addOrderBy('e.id', 'ASC')
      .take(MAX_EVIDENCE_CHOICES)
      .getMany();
    return rows.map((e) => ({
      id: e.id,
      title: e.title,
      unitName: e.unit!.shortName ?? e.unit!.name,
    }));
  }

  /** Evidence of the organisation's units (not withdrawn), each id once; any other id is not found. */
  private async organisationEvidence(
    m: EntityManager,
    organisationId: string,
    ids: readonly string[],
  ): Promise<Evidence[]> {
    const wanted = [...new Set(ids.map((i) => i.toLowerCase()))];
    if (wanted.length === 0) return [];
    const found = await m
      .getRepository(Evidence)
      .createQueryBuilder('e')
      .innerJoin('e.unit', 'u')
      .where('e.id IN (:...wanted)', { wanted })
      .andWhere('u.organisationId = :organisationId', { organisationId })
      .andWhere('e.withdrawnAt IS NULL')
      .getMany();
    const missing = wanted.find((i) => !found.some((e) => e.id === i));
    if (missing) throw new NotFound('evidence', missing);
    return found;
  }
}

/** The organisation's diagnostic of the latest period before this one: the comparison's base. */
const previousDiagnostic = (m: EntityManager, d: Diagnostic): Promise<Diagnostic | null> =>
  m.getRepository(Diagnostic).findOne({
    where: { organisationId: d.organisationId, period: LessThan(d.period) },
    order: { period: 'DESC' },
  });

/**
 * Writes a diagnostic for a period with a not-rated row for every indicator of the newest version
 * of the catalogue, audited. Used by the API and by the demo loader.
 */
export async function openDiagnostic(
  m: EntityManager,
  org: Pick<Organisation, 'id'>,
  options: { period: number; catalogue: string; label: string | null; actorId: string | null },
): Promise<string> {
  const catalogue = await m.getRepository(DiagnosticCatalogue).findOne({
    where: { code: options.catalogue },
    order: { version: 'DESC' },
  });
  if (!catalogue)
    throw new DiagnosticError('diagnostic_catalogue_not_found', { catalogue: options.catalogue });
  const repo = m.getRepository(Diagnostic);
  if (await repo.existsBy({ organisationId: org.id, period: options.period }))
    throw new DiagnosticError('diagnostic_period_exists', { period: options.period });
  const d = await repo.save(
    repo.create({
      organisationId: org.id,
      period: options.period,
      catalogueId: catalogue.id,
      label: options.label,
      createdById: options.actorId,
    }),
  );
  const indicators = await m
    .getRepository(DiagnosticIndicator)
    .findBy({ catalogueId: catalogue.id });
  await m.getRepository(DiagnosticRatingRecord).insert(
    indicators.map((i) => ({
      diagnosticId: d.id,
      indicatorId: i.id,
      rating: null,
      note: null,
      ratedById: null,
      ratedAt: null,
    })),
  );
  await recordAudit(m, {
    actorId: options.actorId,
    action: 'diagnostic.create',
    entity: 'diagnostic',
    entityId: d.id,
    organisationId: org.id,
    changes: fieldChanges(null, {
      period: d.period,
      catalogue: `${catalogue.code} v${catalogue.version}`,
      label: d.label,
    }),
  });
  return d.id;
}
