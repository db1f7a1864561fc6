import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Linter } from 'eslint';
import tseslint from 'typescript-eslint';

/**
 * The import direction of eslint.config.js bites: ESLint's own API lints in-memory files that
 * break each rule (and one that keeps to it), with the very blocks `npm run lint` uses.
 */
const root = path.resolve(import.meta.dirname, '..');
const config = (await import(new URL('../eslint.config.js', import.meta.url).href)) as {
  default: Linter.Config[];
  importDirection: Linter.Config[];
};

const linter = new Linter({ configType: 'flat', cwd: root });
const setup: Linter.Config = {
  files: ['**/*.ts'],
  languageOptions: { parser: tseslint.parser, sourceType: 'module' },
  plugins: {
    '@typescript-eslint': tseslint.plugin as unknown as NonNullable<
      Linter.Config['plugins']
    >[string],
  },
};

function problems(file: string, code: string): string[] {
  return linter
    .verify(code, [setup, ...config.importDirection], path.join(root, file))
    .map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import direction (eslint.config.js)', () => {
  it('is part of the configuration `npm run lint` runs', () => {
    for (const block of config.importDirection) expect(config.default).toContain(block);
  });

  it.each([
    [
      'a module importing a page',
      'src/auth/auth.service.ts',
      "import { x } from '../web/forms.js';",
      'Nothing imports web/',
    ],
    [
      'a feature folder importing the app module',
      'src/findings/findings.service.ts',
      "import { AppModule } from '../app.module.js';",
      'app module',
    ],
    [
      'a page importing the app module',
      'src/web/home.controller.ts',
      "import { AppModule } from '../app.module.js';",
      'app module',
    ],
    [
      'a module importing reports/',
      'src/evidence/evidence.service.ts',
      "import { x } from '../reports/report-batch.js';",
      'reports/ is imported only by',
    ],
    [
      'a module importing reports/ only as a type',
      'src/readiness/readiness.service.ts',
      "import type { X } from '../reports/report-batch.js';",
      'reports/ is imported only by',
    ],
    [
      'health importing reports/',
      'src/health/health.controller.ts',
      "import { x } from '../reports/reports.service.js';",
      'reports/ is imported only by',
    ],
    [
      'observability importing the reports module',
      'src/observability/observability.module.ts',
      "import { ReportsModule } from '../reports/reports.module.js';",
      'reports/ is imported only by',
    ],
    [
      'a module importing rendering/',
      'src/documents/documents.service.ts',
      "import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';",
      'rendering/ is imported only by',
    ],
    [
      'a page importing rendering/',
      'src/web/work-page.ts',
      "import { setPdfInfo } from '../rendering/pdf-metadata.js';",
      'rendering/ is imported only by',
    ],
    [
      'rendering/ importing a feature folder',
      'src/rendering/pdf-renderer.ts',
      "import { translate } from '../i18n/i18n.js';",
      'imports only common/ and config/',
    ],
    [
      'rendering/ importing reports/',
      'src/rendering/pdf-renderer.provider.ts',
      "import { ReportTemplates } from '../reports/report-templates.js';",
      'imports only common/ and config/',
    ],
    [
      'openapi/ importing a value from a module',
      'src/openapi/common.responses.ts',
      "import { AuthService } from '../auth/auth.service.js';",
      'only as types',
    ],
    [
      'i18n/ importing common/',
      'src/i18n/i18n.ts',
      "import { requestLanguage } from '../common/all-exceptions.filter.js';",
      'imports only config/',
    ],
    [
      'readiness.ts importing a service',
      'src/readiness/readiness.ts',
      "import { EvidenceService } from '../evidence/evidence.service.js';",
      'pure *-rules/*-types',
    ],
    [
      'a module importing the readiness service',
      'src/findings/findings.service.ts',
      "import { ReadinessService } from '../readiness/readiness.service.js';",
      'ReadinessKeeper',
    ],
    [
      'a module importing readiness/ only as a type',
      'src/complaints/complaint-findings.ts',
      "import type { UnitReadinessView } from '../readiness/readiness.service.js';",
      'ReadinessKeeper',
    ],
    [
      'a module importing the readiness module for its providers',
      'src/documents/documents.module.ts',
      "import { ReadinessModule } from '../readiness/readiness.module.js';",
      'ReadinessKeeper',
    ],
    [
      'a CLI command importing the app module',
      'src/cli/render-command.ts',
      "import { AppModule } from '../app.module.js';",
      'app module',
    ],
    [
      'readiness.ts importing a lifecycle file',
      'src/readiness/readiness.ts',
      "import { nextStates } from '../findings/finding-lifecycle.js';",
      'pure *-rules/*-types',
    ],
  ])('rejects %s', (_what, file, code, why) => {
    const found = problems(file, `${code}\nexport const keep = 1;\n`);
    expect(found).toHaveLength(1);
    expect(found[0]).toContain('@typescript-eslint/no-restricted-imports');
    expect(found[0]).toContain(why);
  });

  it.each([
    [
      'a page importing reports/ and modules',
      'src/web/work-page.ts',
      "import { x } from '../reports/report-batch.js';\nimport { y } from '../findings/findings.service.js';",
    ],
    [
      'the CLI entry point importing the app module',
      'src/cli.ts',
      "import { AppModule } from './app.module.js';\nimport { renderCommand } from './cli/render-command.js';",
    ],
    [
      'a CLI command importing reports/',
      'src/cli/render-command.ts',
      "import { x } from '../reports/report-batch.js';",
    ],
    [
      'a module keeping readiness current through the port',
      'src/evidence/evidence.service.ts',
      "import { ReadinessKeeper } from '../common/readiness-keeper.js';",
    ],
    [
      'the entity registry listing the readiness entities',
      'src/database/entities.ts',
      "import { UnitReadinessRecord } from '../readiness/unit-readiness.entity.js';",
    ],
    [
      'a spec reading every blocker code',
      'src/common/error-texts.spec.ts',
      "import { BLOCKER_KINDS } from '../readiness/blocker-kinds.js';",
    ],
    [
      'the demo loader writing the trend',
      'src/seeding/demo-steps.ts',
      "import { snapshotUnits } from '../readiness/readiness-snapshots.js';",
    ],
    [
      'reports/ reading readiness',
      'src/reports/gap-report-data.ts',
      "import { ReadinessService } from '../readiness/readiness.service.js';",
    ],
    [
      'the entry point importing pages',
      'src/app.ts',
      "import { PageRenderer } from './web/page-renderer.js';",
    ],
    [
      'a controller importing its response classes',
      'src/findings/findings.controller.ts',
      "import { FindingResponse } from '../openapi/findings.responses.js';",
    ],
    [
      'openapi/ importing a module type',
      'src/openapi/findings.responses.ts',
      "import type { FindingView } from '../findings/finding-views.js';",
    ],
    [
      'readiness.ts importing rules, types and common',
      'src/readiness/readiness.ts',
      "import { isExpired } from '../evidence/evidence-rules.js';\nimport type { Rating } from '../assessments/assessment-types.js';\nimport { scoreOf } from '../assessments/score-rules.js';\nimport { addDays } from '../common/dates.js';",
    ],
    [
      'health importing the PDF renderer',
      'src/health/health.controller.ts',
      "import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';",
    ],
    [
      'observability importing the PDF renderer',
      'src/observability/observability.module.ts',
      "import { RenderingModule } from '../rendering/rendering.module.js';",
    ],
    [
      'reports/ importing the PDF renderer',
      'src/reports/reports.service.ts',
      "import { PdfRendererProvider } from '../rendering/pdf-renderer.provider.js';",
    ],
    [
      'the entry point importing the PDF renderer',
      'src/app.ts',
      "import { sweepBrowserProfiles } from './rendering/pdf-renderer.js';",
    ],
    [
      'rendering/ importing common/ and config/',
      'src/rendering/pdf-renderer.provider.ts',
      "import { MUTU_CONFIG } from '../config/configuration.js';\nimport { DomainError } from '../common/domain-error.js';",
    ],
    [
      'a rendering spec rendering the real report templates',
      'src/rendering/pdf-renderer.spec.ts',
      "import { reportTemplates } from '../reports/report-templates.js';",
    ],
  ])('allows %s', (_what, file, code) => {
    expect(problems(file, `${code}\nexport const keep = 1;\n`)).toEqual([]);
  });
});

/** Folder of a file under src/: its first folder, or `(root)` for the entry points in src/. */
const folderOf = (file: string): string => {
  const parts = path.relative(path.join(root, 'src'), file).split(path.sep);
  return parts.length === 1 ? '(root)' : parts[0];
};

/**
 * Folder → folders it imports values from (type-only imports and specs aside; the entity registry
 * src/database/entities.ts lists every entity by design).
 */
function folderImports(): Map<string, Set<string>> {
  const edges = new Map<string, Set<string>>();
  const files = readdirSync(path.join(root, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.spec.ts') && f !== 'openapi-metadata.ts')
    .filter((f) => f !== path.join('database', 'entities.ts'))
    .map((f) => path.join(root, 'src', f));
  const statement = /^\s*(?:import|export)\s+(type\s+)?([^'";]*?)\s*from\s*'(\.[^']+)'/gms;
  for (const file of files)
    for (const [, typeOnly, names, target] of readFileSync(file, 'utf8').matchAll(statement)) {
      const list = names.trim();
      const allTypes =
        /^\{[^}]*\}$/s.test(list) &&
        list
          .slice(1, -1)
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
          .every((n) => n.startsWith('type '));
      if (typeOnly || allTypes) continue;
      const [from, to] = [folderOf(file), folderOf(path.resolve(path.dirname(file), target))];
      if (from === to) continue;
      if (!edges.has(from)) edges.set(from, new Set());
      edges.get(from)!.add(to);
    }
  return edges;
}

describe('folders that import each other (issue #13 item 5)', () => {
  /**
   * The two-way pairs left; each one broken is struck off so it cannot come back. Was 9:
   * auth↔openapi (the document assembler is now src/openapi-document.ts) and common↔i18n
   * (projectRoot in config/, RequestLanguage in common/) are gone. Then 12: (root)↔cli (src/cli.ts
   * builds the application a command is given) and the seven X↔readiness pairs (modules keep
   * readiness current through common/readiness-keeper.ts; clause order lives in standards/, the
   * score in assessments/score-rules.ts; a finding from a complaint or survey asks findings/ for
   * the current cycle) are gone.
   *
   * What is left is each time an entity relation one way and the other folder's services the other:
   * - assessments↔findings: a finding belongs to a cycle (its relation, the cycle's access rules);
   *   the cycle's summary counts its findings by grade and its workbook lists them.
   * - audit-log↔auth: audit_event.actor references the user, and the trail is read through
   *   auth's guard and scope; auth's login and user changes write to the trail.
   * - auth↔organisations: a user belongs to an organisation and its units (relations); the
   *   organisations' API is guarded and scoped by auth.
   * - auth↔notifications: PATCH /api/auth/me validates the preferences against the pure
   *   notification-types.ts; notifications read users, the guard and the scope.
   * No helper is misplaced there: breaking the auth pairs takes splitting auth/ into the user
   * record (below audit-log/ and notifications/), the guard and scope every module uses, and the
   * account services above them; assessments↔findings, moving the cycle's views out of its folder.
   */
  const REMAINING = [
    'assessments↔findings',
    'audit-log↔auth',
    'auth↔notifications',
    'auth↔organisations',
  ];

  it('are only the known ones, and no new pair appears', () => {
    const edges = folderImports();
    const pairs = [...edges]
      .flatMap(([a, targets]) =>
        [...targets].filter((b) => a < b && edges.get(b)?.has(a)).map((b) => `${a}↔${b}`),
      )
      .sort();
    expect(pairs).toEqual(REMAINING);
  });
});
