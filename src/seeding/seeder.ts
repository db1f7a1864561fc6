import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import argon2 from 'argon2';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { ClauseAssessment } from '../assessments/clause-assessment.entity.js';
import { recordAudit } from '../audit-log/audit-log.js';
import { User } from '../auth/user.entity.js';
import { projectRoot } from '../common/project-root.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { EvidenceVersion } from '../evidence/evidence-version.entity.js';
import { Evidence } from '../evidence/evidence.entity.js';
import { sniffMediaType } from '../evidence/media-type.js';
import { CorrectiveAction } from '../findings/corrective-action.entity.js';
import { Finding } from '../findings/finding.entity.js';
import type { FindingState } from '../findings/finding-types.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { ReadinessSnapshot } from '../readiness/readiness-snapshot.entity.js';
import { loadDemoSurveys } from '../satisfaction/demo-surveys.js';
import { loadDemoComplaints } from '../complaints/demo-complaints.js';
import { refreshEveryUnit, snapshotUnits } from '../readiness/readiness-snapshots.js';
import { parseCatalogue } from '../standards/catalogue.js';
import { loadCatalogue, type CatalogueLoadResult } from '../standards/catalogue-loader.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';
import {
  parseDemoFile,
  parseOrganisationFile,
  SeedFileError,
  type DemoSeed,
  type OrganisationSeed,
} from './seed-files.js';

export interface SeedReport {
  standards: {
    code: string;
    created: number;
    updated: number;
    unchanged: number;
    notInFile: string[];
  }[];
  organisations: { code: string; unitsCreated: number; unitsUpdated: number }[];
  demo: 'loaded' | 'off' | 'skipped (database not empty)';
}

const yamlFiles = (dir: string): string[] => {
  try {
    return readdirSync(dir)
      .filter((f) => /\.ya?ml$/.test(f))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
};

const DAY_MS = 24 * 60 * 60_000;

/** Steps a finding has passed through, to stamp its corrective action in demo data. */
const STAMPS: Record<
  FindingState,
  (keyof Pick<CorrectiveAction, 'plannedAt' | 'implementedAt' | 'verifiedAt' | 'closedAt'>)[]
> = {
  open: [],
  planned: ['plannedAt'],
  implemented: ['plannedAt', 'implementedAt'],
  verified: ['plannedAt', 'implementedAt', 'verifiedAt'],
  closed: ['plannedAt', 'implementedAt', 'verifiedAt', 'closedAt'],
  reopened: ['plannedAt', 'implementedAt'],
};

/** Loads seeds/: standard catalogues and organisations always (idempotently), demo data into an empty database. */
@Injectable()
export class Seeder {
  private readonly logger = new Logger('Seeder');
  readonly seedsDir: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(MUTU_CONFIG) private readonly config: MutuConfig,
  ) {
    this.seedsDir = resolve(projectRoot(), 'seeds');
  }

  async seed(options: { demo: boolean } = { demo: this.config.demo.enabled }): Promise<SeedReport> {
    const report: SeedReport = { standards: [], organisations: [], demo: 'off' };
    for (const file of yamlFiles(join(this.seedsDir, 'standards'))) {
      const catalogue = parseCatalogue(readFileSync(file, 'utf8'), basename(file));
      const result: CatalogueLoadResult = await this.db.transaction(async (m) => {
        const loaded = await loadCatalogue(m, catalogue);
        // What a clause asks for (leaf, documents, records) moves readiness: every unit afresh.
        if (loaded.created + loaded.updated > 0) await refreshEveryUnit(m);
        return loaded;
      });
      const { created, updated, unchanged, notInFile } = result;
      report.standards.push({ code: catalogue.code, created, updated, unchanged, notInFile });
      if (created + updated > 0) {
        this.logger.log(
          `Catalogue ${catalogue.code}: ${created} clauses added, ${updated} updated, ${unchanged} unchanged`,
        );
      }
    }
    for (const file of yamlFiles(join(this.seedsDir, 'organisations'))) {
      const org = parseOrganisationFile(readFileSync(file, 'utf8'), basename(file));
      report.organisations.push(await this.db.transaction((m) => this.loadOrganisation(m, org)));
    }
    if (options.demo) {
      const empty =
        (await this.db.getRepository(User).count()) === 0 &&
        (await this.db.getRepository(Assessment).count()) === 0;
      if (!empty) {
        report.demo = 'skipped (database not empty)';
      } else {
        for (const file of yamlFiles(join(this.seedsDir, 'demo'))) {
          const demo = parseDemoFile(readFileSync(file, 'utf8'), basename(file));
          await this.loadDemo(demo, basename(file));
        }
        report.demo = 'loaded';
        this.logger.log(`Demo data loaded (users' password: MUTU_DEMO_PASSWORD)`);
      }
    }
    return report;
  }

  private async loadOrganisation(
    m: EntityManager,
    seed: OrganisationSeed,
  ): Promise<SeedReport['organisations'][number]> {
    const orgs = m.getRepository(Organisation);
    const fields = {
      name: seed.name,
      province: seed.province,
      timezone: seed.timezone,
      reportPrefix: seed.reportPrefix,
    };
    let org = await orgs.findOneBy({ code: seed.code });
    org = await orgs.save(
      org ? Object.assign(org, fields) : orgs.create({ code: seed.code, ...fields }),
    );
    const units = m.getRepository(Unit);
    const existing = new Map(
      (await units.findBy({ organisationId: org.id })).map((u) => [u.code, u]),
    );
    let unitsCreated = 0;
    let unitsUpdated = 0;
    for (const u of seed.units) {
      const row = existing.get(u.code);
      const wanted = { name: u.name, shortName: u.shortName, description: u.description };
      if (!row) {
        await units.save(units.create({ organisationId: org.id, code: u.code, ...wanted }));
        unitsCreated++;
      } else if (
        // An administrator has taken this unit over in the app: the seed file no longer renames it.
        row.managedBy === 'seed' &&
        (row.name !== wanted.name ||
          row.shortName !== wanted.shortName ||
          row.description !== wanted.description)
      ) {
        await units.update({ id: row.id }, wanted);
        unitsUpdated++;
      }
    }
    return { code: seed.code, unitsCreated, unitsUpdated };
  }

  private async loadDemo(demo: DemoSeed, file: string): Promise<void> {
    const store = new EvidenceStore(this.config.dataDir);
    // Files first: content-addressed, so an aborted load leaves nothing that a retry would duplicate.
    const stored = new Map<string, { sha256: string; size: number; mediaType: string }>();
    for (const e of demo.evidence) {
      if (!e.file) continue;
      const bytes = readFileSync(resolve(this.seedsDir, 'demo', e.file));
      const mediaType = await sniffMediaType(bytes.subarray(0, 4096));
      if (!mediaType) throw new SeedFileError(`${file}: ${e.file} is not an allowed file type`);
      const { sha256, size } = await store.putBuffer(bytes);
      stored.set(e.file, { sha256, size, mediaType });
    }
    const passwordHash = await argon2.hash(this.config.demo.password, { type: argon2.argon2id });

    await this.db.transaction(async (m) => {
      const org = await m.getRepository(Organisation).findOneByOrFail({ code: demo.organisation });
      const standard = await m.getRepository(Standard).findOneBy({ code: demo.standard });
      if (!standard) throw new SeedFileError(`${file}: standard ${demo.standard} is not loaded`);
      const unitRows = await m.getRepository(Unit).findBy({ organisationId: org.id });
      const unitOf = (code: string, where: string): Unit => {
        const u = unitRows.find((x) => x.code === code);
        if (!u) throw new SeedFileError(`${file}: ${where}: unknown unit ${code}`);
        return u;
      };
      const clauses = await m.getRepository(Clause).findBy({ standardId: standard.id });
      const leafOf = (number: string, where: string): Clause => {
        const c = clauses.find((x) => x.number === number);
        if (!c) throw new SeedFileError(`${file}: ${where}: unknown clause ${number}`);
        if (!c.isLeaf)
          throw new SeedFileError(`${file}: ${where}: clause ${number} is not a leaf clause`);
        return c;
      };
      const leaves = clauses.filter((c) => c.isLeaf);

      const users = new Map<string, User>();
      for (const u of demo.users) {
        const repo = m.getRepository(User);
        const user = await repo.save(
          repo.create({
            username: u.username,
            displayName: u.displayName,
            role: u.role,
            passwordHash,
            organisationId: org.id,
            units: u.units.map((c) => unitOf(c, `user ${u.username}`)),
          }),
        );
        users.set(u.username, user);
      }
      const userOf = (name: string, where: string): User => {
        const u = users.get(name);
        if (!u) throw new SeedFileError(`${file}: ${where}: unknown user ${name}`);
        return u;
      };
      const assessor = [...users.values()].find((u) => u.role === 'assessor') ?? null;

      const assessmentOfUnit = new Map<string, Assessment>();
      for (const a of demo.assessments) {
        const where = `assessment ${a.title}`;
        const unit = unitOf(a.unit, where);
        const assessment = await m.getRepository(Assessment).save(
          m.getRepository(Assessment).create({
            unitId: unit.id,
            standardId: standard.id,
            type: a.type,
            title: a.title,
            scope: a.scope,
            startsOn: a.startsOn,
            endsOn: a.endsOn,
            state: a.state,
            assessors: a.assessors.map((n) => userOf(n, where)),
          }),
        );
        if (!assessmentOfUnit.has(a.unit)) assessmentOfUnit.set(a.unit, assessment);
        for (const n of [
          ...Object.keys(a.ratings),
          ...Object.keys(a.notApplicable),
          ...Object.keys(a.notes),
        ])
          leafOf(n, where);
        await m.getRepository(ClauseAssessment).insert(
          leaves.map((c) => ({
            assessmentId: assessment.id,
            clauseId: c.id,
            applicable: !(c.number in a.notApplicable),
            justification: a.notApplicable[c.number] ?? null,
            rating: a.ratings[c.number] ?? 'not_assessed',
            note: a.notes[c.number] ?? null,
            updatedById: assessor?.id ?? null,
          })),
        );
      }

      for (const e of demo.evidence) {
        const where = `evidence ${e.title}`;
        const unit = unitOf(e.unit, where);
        const officer = [...users.values()].find(
          (u) => u.role === 'quality_officer' && u.units?.some((x) => x.id === unit.id),
        );
        const evidence = await m.getRepository(Evidence).save(
          m.getRepository(Evidence).create({
            unitId: unit.id,
            title: e.title,
            description: e.description,
            reference: e.reference,
            validUntil: e.validUntil,
            status: e.status,
            reviewReason: e.reviewReason,
            reviewedById: e.status === 'submitted' ? null : (assessor?.id ?? null),
            reviewedAt: e.status === 'submitted' ? null : new Date(),
            clauses: e.clauses.map((n) => leafOf(n, where)),
            createdById: officer?.id ?? null,
          }),
        );
        const f = e.file ? stored.get(e.file) : undefined;
        if (f) {
          await m.getRepository(EvidenceVersion).insert({
            evidenceId: evidence.id,
            number: 1,
            sha256: f.sha256,
            size: f.size,
            mediaType: f.mediaType,
            originalName: basename(e.file!),
            uploadedById: officer?.id ?? null,
            uploadedAt: new Date(),
          });
        }
      }

      const numbers = new Map<string, number>();
      for (const f of demo.findings) {
        const where = `finding ${f.statement.slice(0, 40)}`;
        const assessment = assessmentOfUnit.get(f.unit);
        if (!assessment)
          throw new SeedFileError(`${file}: ${where}: unit ${f.unit} has no assessment`);
        const number = (numbers.get(assessment.id) ?? 0) + 1;
        numbers.set(assessment.id, number);
        const finding = await m.getRepository(Finding).save(
          m.getRepository(Finding).create({
            assessmentId: assessment.id,
            number,
            clauseId: leafOf(f.clause, where).id,
            grade: f.grade,
            statement: f.statement,
            objectiveEvidence: f.objectiveEvidence,
            state: f.state,
            createdById: assessor?.id ?? null,
          }),
        );
        if (f.correctiveAction) {
          const stamps = Object.fromEntries(STAMPS[f.state].map((k) => [k, new Date()]));
          await m
            .getRepository(CorrectiveAction)
            .insert({ findingId: finding.id, ...f.correctiveAction, ...stamps });
        }
      }
      // The trend starts with the demo: the file's back-dated points (invented, and dated from
      // today so the demo never ages), then today's reading of every unit, computed and written
      // the way every change records one.
      const now = new Date();
      const surveys = await loadDemoSurveys(m, join(this.seedsDir, 'demo', 'surveys'), unitOf);
      const complaints = await loadDemoComplaints(
        m,
        join(this.seedsDir, 'demo', 'complaints'),
        unitOf,
        now,
      );
      const history = demo.history.map((h) => ({
        unitId: unitOf(h.unit, `history of ${h.unit}`).id,
        takenAt: new Date(now.getTime() - h.daysAgo * DAY_MS),
        score: h.score,
        ready: false,
        blockerCodes: [],
        groups: [],
      }));
      if (history.length > 0) await m.getRepository(ReadinessSnapshot).insert(history);
      const today = await snapshotUnits(m, { organisationId: org.id }, { now, daily: true });

      await recordAudit(m, {
        actorId: null,
        action: 'demo.load',
        entity: 'organisation',
        entityId: org.id,
        organisationId: org.id,
        changes: {
          users: { before: 0, after: demo.users.length },
          assessments: { before: 0, after: demo.assessments.length },
          evidence: { before: 0, after: demo.evidence.length },
          findings: { before: 0, after: demo.findings.length },
          satisfactionSurveys: { before: 0, after: surveys },
          complaints: { before: 0, after: complaints },
          readinessSnapshots: { before: 0, after: history.length + today.written },
        },
      });
    });
  }
}
