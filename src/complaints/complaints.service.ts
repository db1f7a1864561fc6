import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Between, DataSource, In, type EntityManager } from 'typeorm';
import { ImportTooLarge } from '../assessments/assessment-errors.js';
import { recordAudit } from '../audit-log/audit-log.js';
import type { Principal } from '../auth/principal.js';
import { ScopeService } from '../auth/scope.js';
import { Clock } from '../common/clock.js';
import { todayInZone } from '../common/dates.js';
import { NotFound } from '../common/domain-error.js';
import type { IncomingFile } from '../common/incoming-file.js';
import { lockRow } from '../database/row-lock.js';
import { translate, type Language } from '../i18n/i18n.js';
import { Unit } from '../organisations/unit.entity.js';
import { sha256, XLSX_TYPE } from '../satisfaction/survey-import.js';
import { parsePeriod } from '../satisfaction/survey-sheet.js';
import { ComplaintError } from './complaint-errors.js';
import { ComplaintMappingRecord } from './complaint-mapping.entity.js';
import {
  COMPLAINT_LIMIT_BYTES,
  readComplaintTable,
  readLog,
  requestedMapping,
  type ComplaintFileType,
} from './complaint-import.js';
import type { ComplaintMapping } from './complaint-mapping.js';
import { DEFAULT_LIMITS, periodMetrics, type ServiceLimits } from './complaint-metrics.js';
import type { ComplaintRow } from './complaint-rows.js';
import { ComplaintSettings } from './complaint-settings.entity.js';
import { Complaint } from './complaint.entity.js';
import { isOn, type ComplaintSettingsInput, type ImportComplaintsQuery } from './complaints.dto.js';
import {
  currentSemester,
  metricsView,
  previousPeriods,
  settingsView,
  type ComplaintMetricsView,
  type ComplaintSettingsView,
} from './complaint-views.js';
import { WorkingCalendar } from './working-days.js';

const CSV_TYPES = ['text/csv', 'application/csv', 'text/plain'];
const CHUNK = 400;

export interface ComplaintImportResult {
  source: string;
  dryRun: boolean;
  mapping: ComplaintMapping;
  mappingFrom: 'request' | 'saved' | 'default';
  /** Columns of personal data that were dropped unread (names, phone numbers, NIK, e-mail…). */
  droppedPersonalColumns: string[];
  /** Other columns the mapping does not use. */
  ignoredColumns: string[];
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** What the import keeps and drops, in the caller's language. */
  notice: string;
}

const FIELDS = [
  'source',
  'channel',
  'category',
  'receivedOn',
  'firstResponseOn',
  'resolvedOn',
  'status',
  'statusLabel',
  'summary',
] as const;

const chunks = <T>(items: T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_v, i) =>
    items.slice(i * size, (i + 1) * size),
  );

/** Creates or updates a unit's complaints by tracking id; identical rows are left alone. */
export async function storeComplaints(
  m: EntityManager,
  unitId: string,
  source: string,
  rows: ComplaintRow[],
  actorId: string | null,
  dryRun: boolean,
): Promise<{ created: number; updated: number; unchanged: number }> {
  const repo = m.getRepository(Complaint);
  const existing = new Map<string, Complaint>();
  for (const part of chunks(rows, CHUNK))
    for (const c of await repo.findBy({ unitId, trackingId: In(part.map((r) => r.trackingId)) }))
      existing.set(c.trackingId, c);
  const toSave: Complaint[] = [];
  let created = 0;
  let updated = 0;
  for (const row of rows) {
    const fields = { ...row, source };
    const before = existing.get(row.trackingId);
    if (!before) {
      created++;
      toSave.push(
        repo.create({
          unitId,
          trackingId: row.trackingId,
          importedById: actorId,
          ...pick(fields),
        }),
      );
      continue;
    }
    if (FIELDS.every((f) => before[f] === fields[f])) continue;
    updated++;
    toSave.push(repo.merge(before, { ...pick(fields), importedById: actorId }));
  }
  if (!dryRun) for (const part of chunks(toSave, CHUNK)) await repo.save(part);
  return { created, updated, unchanged: rows.length - created - updated };
}

@Injectable()
export class ComplaintsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly scope: ScopeService,
    private readonly clock: Clock,
  ) {}

  /**
   * A complaint log (the request body: CSV or XLSX) for a unit, all or nothing. Rows are matched
   * by tracking id: a new id is created, a known one updated when anything changed (a status, a
   * resolution date), an identical one left alone, so re-importing the same export changes
   * nothing. The mapping used is saved for the source.
   */
  async import(
    me: Principal,
    unitId: string,
    query: ImportComplaintsQuery,
    file: IncomingFile,
    lang: Language,
  ): Promise<ComplaintImportResult> {
    await this.scope.requireUnit(me, unitId);
    const type: ComplaintFileType | null = file.is(CSV_TYPES)
      ? 'csv'
      : file.is([XLSX_TYPE, 'application/octet-stream'])
        ? 'xlsx'
        : null;
    if (!type)
      throw new ComplaintError('complaint_unsupported_type', {
        expected: `text/csv, ${XLSX_TYPE}`,
      });
    const bytes = await file.read(COMPLAINT_LIMIT_BYTES, (limit) => new ImportTooLarge(limit));
    return this.importBytes(me, unitId, query, bytes, type, lang);
  }

  /** The import of a log already read (the page hands over its upload here). */
  async importBytes(
    me: Principal,
    unitId: string,
    query: ImportComplaintsQuery,
    bytes: Buffer,
    type: ComplaintFileType,
    lang: Language,
  ): Promise<ComplaintImportResult> {
    await this.scope.requireUnit(me, unitId);
    const source = query.source ?? 'lapor';
    const table = await readComplaintTable(bytes, type);
    const dryRun = isOn(query.dryRun);
    return this.db.transaction(async (m) => {
      await lockRow(m, Unit, unitId);
      const unit = await m.getRepository(Unit).findOneByOrFail({ id: unitId });
      const saved = await m
        .getRepository(ComplaintMappingRecord)
        .findOneBy({ organisationId: unit.organisationId, source });
      const log = readLog(table, requestedMapping(query), saved?.mapping ?? null);
      if (log.resolved.from === 'default' && !dryRun && !isOn(query.confirm))
        throw new ComplaintError(
          'complaint_mapping_unconfirmed',
          { source },
          { headers: log.headers.filter((h) => h !== ''), proposed: log.resolved.mapping },
        );
      const counts = await storeComplaints(m, unitId, source, log.rows, me.id, dryRun);
      const result: ComplaintImportResult = {
        source,
        dryRun,
        mapping: log.resolved.mapping,
        mappingFrom: log.resolved.from,
        droppedPersonalColumns: log.resolved.personal,
        ignoredColumns: log.resolved.ignored,
        rows: log.rows.length,
        ...counts,
        notice: translate(lang, 'complaint.personal_notice', {
          columns: log.resolved.personal.join(', ') || '–',
        }),
      };
      if (dryRun) return result;
      await this.saveMapping(m, unit.organisationId, source, log.resolved.mapping, me.id, saved);
      await recordAudit(m, {
        actorId: me.id,
        action: 'complaint.import',
        entity: 'unit',
        entityId: unitId,
        organisationId: unit.organisationId,
        unitId,
        changes: {
          source: { before: null, after: source },
          sha256: { before: null, after: sha256(bytes) },
          created: { before: null, after: counts.created },
          updated: { before: null, after: counts.updated },
        },
      });
      return result;
    });
  }

  private async saveMapping(
    m: EntityManager,
    organisationId: string,
    source: string,
    mapping: ComplaintMapping,
    actorId: string,
    saved: ComplaintMappingRecord | null,
  ): Promise<void> {
    if (saved && JSON.stringify(saved.mapping) === JSON.stringify(mapping)) return;
    const repo = m.getRepository(ComplaintMappingRecord);
    const record = await repo.save(
      saved
        ? repo.merge(saved, { mapping, updatedById: actorId })
        : repo.create({ organisationId, source, mapping, updatedById: actorId }),
    );
    await recordAudit(m, {
      actorId,
      action: saved ? 'complaint_mapping.update' : 'complaint_mapping.create',
      entity: 'complaint_mapping',
      entityId: record.id,
      organisationId,
      changes: { mapping: { before: saved?.mapping ?? null, after: mapping } },
    });
  }

  /** Metrics of the complaints received in a period, with the trend over the periods before. */
  async metrics(
    me: Principal,
    unitId: string,
    period: string | undefined,
    lang: Language,
  ): Promise<ComplaintMetricsView> {
    await this.scope.requireUnit(me, unitId);
    const today = todayInZone(this.clock.now());
    const wanted = period ?? currentSemester(today);
    const periods = previousPeriods(wanted, 4);
    const span = periods.map((p) => parsePeriod(p)!);
    const unit = await this.db.getRepository(Unit).findOneByOrFail({ id: unitId });
    const settings = await this.settingsOf(unit.organisationId);
    const complaints = await this.db.getRepository(Complaint).find({
      where: {
        unitId,
        receivedOn: Between(span[0].startsOn, span.at(-1)!.endsOn),
      },
      select: {
        channel: true,
        category: true,
        receivedOn: true,
        firstResponseOn: true,
        resolvedOn: true,
        status: true,
      },
    });
    const calendar = WorkingCalendar.covering(
      [span[0].startsOn, span.at(-1)!.endsOn, today],
      settings.holidays,
    );
    const none = translate(lang, 'complaint.none');
    const per = periods.map((p, i) => ({
      period: p,
      metrics: periodMetrics(
        complaints.filter(
          (c) => c.receivedOn >= span[i].startsOn && c.receivedOn <= span[i].endsOn,
        ),
        calendar,
        settings,
        today,
        none,
      ),
    }));
    return metricsView(unitId, per, settings);
  }

  /**
   * The organisation's complaints of the current semester over the units the caller may see:
   * received, open and overdue (the dashboard's line). Two queries, whatever the number of units.
   */
  async organisationSummary(
    me: Principal,
    organisationId: string,
  ): Promise<{ period: string; received: number; open: number; overdue: number }> {
    this.requireOrganisation(me, organisationId);
    const today = todayInZone(this.clock.now());
    const period = currentSemester(today);
    const { startsOn, endsOn } = parsePeriod(period)!;
    const base = () =>
      this.scope.restrict(
        this.db
          .getRepository(Complaint)
          .createQueryBuilder('c')
          .innerJoin('c.unit', 'u')
          .where('u.organisationId = :organisationId', { organisationId })
          .andWhere('c.receivedOn BETWEEN :startsOn AND :endsOn', { startsOn, endsOn }),
        'c.unitId',
        me,
      );
    const received = await base().getCount();
    const open = await base()
      .andWhere("c.status <> 'resolved'")
      .select(['c.receivedOn', 'c.firstResponseOn', 'c.status'])
      .getMany();
    const settings = await this.settingsOf(organisationId);
    const m = periodMetrics(
      open.map((c) => ({ ...c, channel: null, category: null, resolvedOn: null })),
      WorkingCalendar.covering([startsOn, today], settings.holidays),
      settings,
      today,
    );
    return { period, received, open: m.open, overdue: m.overdue };
  }

  /**
   * Each unit's complaints of the current semester (the units the caller may see, by unit id):
   * received, share resolved within the limit (0..1, null when none is resolved) and open overdue.
   * One query for all the units (the management summary).
   */
  async unitSummaries(
    me: Principal,
    organisationId: string,
  ): Promise<{
    period: string;
    units: Map<string, { received: number; withinLimit: number | null; overdue: number }>;
  }> {
    this.requireOrganisation(me, organisationId);
    const today = todayInZone(this.clock.now());
    const period = currentSemester(today);
    const { startsOn, endsOn } = parsePeriod(period)!;
    const rows = await this.scope
      .restrict(
        this.db
          .getRepository(Complaint)
          .createQueryBuilder('c')
          .innerJoin('c.unit', 'u')
          .where('u.organisationId = :organisationId', { organisationId })
          .andWhere('c.receivedOn BETWEEN :startsOn AND :endsOn', { startsOn, endsOn }),
        'c.unitId',
        me,
      )
      .select([
        'c.unitId',
        'c.receivedOn',
        'c.firstResponseOn',
        'c.resolvedOn',
        'c.status',
        'c.channel',
        'c.category',
      ])
      .getMany();
    const settings = await this.settingsOf(organisationId);
    const calendar = WorkingCalendar.covering([startsOn, endsOn, today], settings.holidays);
    const byUnit = new Map<string, Complaint[]>();
    for (const c of rows) byUnit.set(c.unitId, [...(byUnit.get(c.unitId) ?? []), c]);
    const units = new Map(
      [...byUnit].map(([unitId, list]) => {
        const m = periodMetrics(list, calendar, settings, today);
        return [
          unitId,
          { received: m.received, withinLimit: m.resolution.withinLimit, overdue: m.overdue },
        ];
      }),
    );
    return { period, units };
  }

  /** The organisation's limits and days off (defaults without a row). */
  private async settingsOf(
    organisationId: string,
    m: EntityManager = this.db.manager,
  ): Promise<ServiceLimits & { holidays: { date: string; name: string }[] }> {
    const row = await m.getRepository(ComplaintSettings).findOneBy({ organisationId });
    return row
      ? { verifyDays: row.verifyDays, followUpDays: row.followUpDays, holidays: row.holidays }
      : { ...DEFAULT_LIMITS, holidays: [] };
  }

  private requireOrganisation(me: Principal, organisationId: string): void {
    const orgs = this.scope.visibleOrganisationIds(me);
    if (orgs !== 'all' && !orgs.includes(organisationId))
      throw new NotFound('organisation', organisationId);
  }

  async settings(
    me: Principal,
    organisationId: string,
    year: string | undefined,
  ): Promise<ComplaintSettingsView> {
    this.requireOrganisation(me, organisationId);
    const settings = await this.settingsOf(organisationId);
    const y = year ? Number(year) : Number(todayInZone(this.clock.now()).slice(0, 4));
    return settingsView(organisationId, settings, y);
  }

  async updateSettings(
    me: Principal,
    organisationId: string,
    input: ComplaintSettingsInput,
  ): Promise<ComplaintSettingsView> {
    this.requireOrganisation(me, organisationId);
    const holidays = [...new Map(input.holidays.map((h) => [h.date, h.name])).entries()]
      .map(([date, name]) => ({ date, name }))
      .sort((a, b) => a.date.localeCompare(b.date));
    const saved = await this.db.transaction(async (m) => {
      const repo = m.getRepository(ComplaintSettings);
      const before = await repo.findOneBy({ organisationId });
      if (!before && !(await m.getRepository('organisation').existsBy({ id: organisationId })))
        throw new NotFound('organisation', organisationId);
      const fields = {
        verifyDays: input.verifyDays,
        followUpDays: input.followUpDays,
        holidays,
        updatedById: me.id,
      };
      const row = await repo.save(
        before ? repo.merge(before, fields) : repo.create({ organisationId, ...fields }),
      );
      await recordAudit(m, {
        actorId: me.id,
        action: 'complaint_settings.update',
        entity: 'organisation',
        entityId: organisationId,
        organisationId,
        changes: {
          verifyDays: { before: before?.verifyDays ?? null, after: row.verifyDays },
          followUpDays: { before: before?.followUpDays ?? null, after: row.followUpDays },
          holidays: { before: before?.holidays ?? null, after: row.holidays },
        },
      });
      return row;
    });
    const year = Number(todayInZone(this.clock.now()).slice(0, 4));
    return settingsView(organisationId, saved, year);
  }
}

const pick = (f: ComplaintRow & { source: string }) => ({
  source: f.source,
  channel: f.channel,
  category: f.category,
  receivedOn: f.receivedOn,
  firstResponseOn: f.firstResponseOn,
  resolvedOn: f.resolvedOn,
  status: f.status,
  statusLabel: f.statusLabel,
  summary: f.summary,
});
