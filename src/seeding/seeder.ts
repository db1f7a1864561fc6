import { loadDemoContacts } from '../notifications/demo-contacts.js';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DataSource, type EntityManager } from 'typeorm';
import { Assessment } from '../assessments/assessment.entity.js';
import { recordAudit } from '../audit-log/audit-log.js';
import { hashPassword } from '../auth/passwords.js';
import { User } from '../auth/user.entity.js';
import { projectRoot } from '../config/project-root.js';
import { MUTU_CONFIG, type MutuConfig } from '../config/configuration.js';
import { EvidenceStore } from '../evidence/evidence-store.js';
import { sniffMediaType } from '../evidence/media-type.js';
import { Organisation } from '../organisations/organisation.entity.js';
import { Unit } from '../organisations/unit.entity.js';
import { refreshEveryUnit } from '../readiness/readiness-snapshots.js';
import { parseIndicatorCatalogue } from '../diagnostics/indicator-catalogue.js';
import {
  loadIndicatorCatalogue,
  type IndicatorCatalogueLoadResult,
} from '../diagnostics/indicator-catalogue-loader.js';
import { parseCatalogue } from '../standards/catalogue.js';
import { loadCatalogue, type CatalogueLoadResult } from '../standards/catalogue-loader.js';
import { Clause } from '../standards/clause.entity.js';
import { Standard } from '../standards/standard.entity.js';
import { DEMO_STEPS, type DemoContext, type StoredDemoFile } from './demo-steps.js';
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
  /** ISO 18091 Annex A indicator catalogues (seeds/diagnostics/), one entry per version. */
  diagnosticCatalogues: IndicatorCatalogueLoadResult[];
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
    const report: SeedReport = {
      standards: [],
      organisations: [],
      diagnosticCatalogues: [],
      demo: 'off',
    };
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
    for (const file of yamlFiles(join(this.seedsDir, 'diagnostics'))) {
      const catalogue = parseIndicatorCatalogue(readFileSync(file, 'utf8'), basename(file));
      report.diagnosticCatalogues.push(
        await this.db.transaction((m) => loadIndicatorCatalogue(m, catalogue)),
      );
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
        await this.db.transaction((m) => loadDemoContacts(m, join(this.seedsDir, 'demo')));
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

  /** Stores the demo's files, then runs DEMO_STEPS (demo-steps.ts) and the audit event in one transaction. */
  private async loadDemo(demo: DemoSeed, file: string): Promise<void> {
    const demoDir = resolve(this.seedsDir, 'demo');
    const files = await this.storeDemoFiles(demo, file, demoDir);
    const passwordHash = await hashPassword(this.config.demo.password, this.config.passwordCost);
    await this.db.transaction(async (m) => {
      const ctx = await this.demoContext(m, demo, file, demoDir, files, passwordHash);
      const counts: Record<string, { before: number; after: number }> = {};
      for (const [name, step] of DEMO_STEPS) counts[name] = { before: 0, after: await step(ctx) };
      await recordAudit(m, {
        actorId: null,
        action: 'demo.load',
        entity: 'organisation',
        entityId: ctx.org.id,
        organisationId: ctx.org.id,
        changes: counts,
      });
    });
  }

  /** Files first: content-addressed, so an aborted load leaves nothing that a retry would duplicate. */
  private async storeDemoFiles(
    demo: DemoSeed,
    file: string,
    demoDir: string,
  ): Promise<Map<string, StoredDemoFile>> {
    const store = new EvidenceStore(this.config.dataDir);
    const stored = new Map<string, StoredDemoFile>();
    for (const e of demo.evidence) {
      if (!e.file) continue;
      const bytes = readFileSync(resolve(demoDir, e.file));
      const mediaType = await sniffMediaType(bytes.subarray(0, 4096));
      if (!mediaType) throw new SeedFileError(`${file}: ${e.file} is not an allowed file type`);
      const { sha256, size } = await store.putBuffer(bytes);
      stored.set(e.file, { sha256, size, mediaType });
    }
    return stored;
  }

  /** The organisation, standard, units and clauses the demo names, with lookups that say what is wrong. */
  private async demoContext(
    m: EntityManager,
    demo: DemoSeed,
    file: string,
    demoDir: string,
    files: Map<string, StoredDemoFile>,
    passwordHash: string,
  ): Promise<DemoContext> {
    const org = await m.getRepository(Organisation).findOneByOrFail({ code: demo.organisation });
    const standard = await m.getRepository(Standard).findOneBy({ code: demo.standard });
    if (!standard) throw new SeedFileError(`${file}: standard ${demo.standard} is not loaded`);
    const unitRows = await m.getRepository(Unit).findBy({ organisationId: org.id });
    const clauses = await m.getRepository(Clause).findBy({ standardId: standard.id });
    const users = new Map<string, User>();
    return {
      m,
      demo,
      file,
      demoDir,
      now: new Date(),
      org,
      standard,
      leaves: clauses.filter((c) => c.isLeaf),
      unitOf: (code, where) => {
        const u = unitRows.find((x) => x.code === code);
        if (!u) throw new SeedFileError(`${file}: ${where}: unknown unit ${code}`);
        return u;
      },
      leafOf: (number, where) => {
        const c = clauses.find((x) => x.number === number);
        if (!c) throw new SeedFileError(`${file}: ${where}: unknown clause ${number}`);
        if (!c.isLeaf)
          throw new SeedFileError(`${file}: ${where}: clause ${number} is not a leaf clause`);
        return c;
      },
      passwordHash,
      files,
      store: new EvidenceStore(this.config.dataDir),
      users,
      userOf: (name, where) => {
        const u = users.get(name);
        if (!u) throw new SeedFileError(`${file}: ${where}: unknown user ${name}`);
        return u;
      },
      assessor: () => [...users.values()].find((u) => u.role === 'assessor') ?? null,
      assessmentOfUnit: new Map(),
    };
  }
}
