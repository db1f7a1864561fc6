import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { backupCommand, restoreCommand } from './backup/backup-command.js';
import {
  commandHelp,
  parseCommandArgs,
  UsageError,
  usageErrorLine,
  type CommandSpec,
  type ParsedArgs,
} from './common/command-line.js';
import { ConfigError, loadConfig, type MutuConfig } from './config/configuration.js';
import { createDataSource } from './database/data-source.js';
import { EvidenceStore } from './evidence/evidence-store.js';
import {
  describeReport,
  progressPrinter,
  verifyEvidenceFiles,
} from './evidence/evidence-verify.js';
import { snapshotEveryUnit } from './readiness/readiness-snapshots.js';
import { notifyCommand } from './cli/notify-command.js';
import { renderCommand } from './cli/render-command.js';
import { Seeder } from './seeding/seeder.js';
import type { DataSource } from 'typeorm';

interface Command {
  spec: CommandSpec;
  run(config: MutuConfig, args: ParsedArgs): Promise<number>;
}

/** A command without options. */
const plain = (name: string, summary: string): CommandSpec => ({
  name,
  summary,
  usage: [name],
  options: {},
});

async function withDatabase<T>(
  config: MutuConfig,
  work: (db: DataSource) => Promise<T>,
): Promise<T> {
  const db = createDataSource(config);
  await db.initialize();
  try {
    return await work(db);
  } finally {
    await db.destroy();
  }
}

/** The whole application without HTTP, for a command that needs its services. */
const openApplication = (config: MutuConfig): Promise<INestApplicationContext> =>
  NestFactory.createApplicationContext(AppModule.register(config), { logger: ['error', 'warn'] });

const COMMANDS: Record<string, Command> = {
  migrate: {
    spec: plain('migrate', 'apply pending database migrations'),
    run: (config) =>
      withDatabase(config, async (db) => {
        const ran = await db.runMigrations({ transaction: 'each' });
        console.log(
          ran.length ? `Applied: ${ran.map((m) => m.name).join(', ')}` : 'Database is up to date.',
        );
        return 0;
      }),
  },
  'migrate:revert': {
    spec: plain('migrate:revert', 'undo the most recent migration'),
    run: (config) =>
      withDatabase(config, async (db) => {
        await db.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the most recent migration.');
        return 0;
      }),
  },
  'migrate:status': {
    spec: plain('migrate:status', 'say whether migrations are pending (exit 1 when they are)'),
    run: (config) =>
      withDatabase(config, async (db) => {
        const pending = await db.showMigrations();
        console.log(
          pending
            ? 'Migrations are pending: run `npm run mutu -- migrate`.'
            : 'Database is up to date.',
        );
        return pending ? 1 : 0;
      }),
  },
  snapshot: {
    spec: plain(
      'snapshot',
      'record the readiness of every unit for the trend (run daily, e.g. from cron; once a day per unit unless it changed)',
    ),
    run: (config) =>
      withDatabase(config, async (db) => {
        const result = await snapshotEveryUnit(db, (line) => console.error(line));
        console.log(`Readiness snapshots: ${result.written} written for ${result.units} units.`);
        return 0;
      }),
  },
  render: {
    spec: renderCommand.spec,
    run: (config, args) => renderCommand.run(args, () => openApplication(config)),
  },
  seed: {
    spec: {
      name: 'seed',
      summary:
        'load standard catalogues and organisations from seeds/ (idempotent); the demo data too when MUTU_DEMO is on or --demo is given',
      usage: ['seed [--demo | --no-demo]'],
      options: {
        demo: { type: 'boolean', description: 'also load the demo data (into an empty database)' },
        'no-demo': {
          type: 'boolean',
          description: 'do not load the demo data, whatever MUTU_DEMO says',
        },
      },
    },
    run: (config, { values }) => {
      if (values.demo && values['no-demo'])
        throw new UsageError('give --demo or --no-demo, not both');
      return withDatabase(config, async (db) => {
        await db.runMigrations({ transaction: 'each' });
        const demo = values.demo ? true : values['no-demo'] ? false : config.demo.enabled;
        const report = await new Seeder(db, config).seed({ demo });
        for (const s of report.standards) {
          console.log(
            `Standard ${s.code}: ${s.created} added, ${s.updated} updated, ${s.unchanged} unchanged`,
          );
          if (s.notInFile.length)
            console.log(`  not in the file any more (kept): ${s.notInFile.join(', ')}`);
        }
        for (const o of report.organisations) {
          console.log(
            `Organisation ${o.code}: ${o.unitsCreated} units added, ${o.unitsUpdated} updated`,
          );
        }
        console.log(`Demo data: ${report.demo}`);
        return 0;
      });
    },
  },
  verify: {
    spec: plain(
      'verify',
      're-hash every stored evidence file; list missing or altered ones (exit 1 when there are any)',
    ),
    run: (config) =>
      withDatabase(config, async (db) => {
        const report = await verifyEvidenceFiles(
          db,
          new EvidenceStore(config.dataDir),
          progressPrinter((line) => console.error(line)),
        );
        for (const line of describeReport(report)) console.log(line);
        return report.problems.length ? 1 : 0;
      }),
  },
  backup: backupCommand,
  restore: restoreCommand,
  notify: {
    spec: notifyCommand.spec,
    run: (config, args) => withDatabase(config, (db) => notifyCommand.run(config, args, db)),
  },
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((c) => c.length));
  return [
    'Usage: npm run mutu -- <command> [options]',
    '',
    'Commands:',
    ...Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(width)}  ${c.spec.summary}`),
    '',
    'Each command has its own help: npm run mutu -- <command> --help',
    'Configuration comes from the environment (PORT, DATA_DIR, DATABASE_URL, MUTU_DEMO, ...): see README.md.',
  ].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(help());
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`mutu: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  try {
    const parsed = parseCommandArgs(command.spec, args);
    if (parsed === 'help') {
      console.log(commandHelp(command.spec));
      return 0;
    }
    return await command.run(loadConfig(process.env), parsed);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(usageErrorLine(command.spec, error));
    return 2;
  }
}

try {
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  console.error(
    `mutu: ${error instanceof ConfigError ? error.message : error instanceof Error ? error.message : String(error)}`,
  );
  process.exitCode = 1;
}
