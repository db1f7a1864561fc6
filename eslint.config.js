import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import tseslint from 'typescript-eslint';

/**
 * The direction of imports between the folders of src/ (issue #13 item 5), so a wrong arrow fails
 * `npm run lint`. Entry points (src/*.ts, src/cli/) wire everything and are not restricted; pages
 * (web/) sit on top of the modules; reports/ is read only by pages and entry points; rendering/
 * (the Chromium machinery) is read by reports/, by health/ and observability/ that report on it
 * and by the entry points, and reads only common/ and config/ itself; openapi/
 * describes every module's API, so modules import it and it imports them only as types;
 * readiness.ts, the pure readiness rule, reads other modules only through their pure
 * `*-rules`/`*-types` files, so those modules do not import readiness/: they keep it current through
 * the ReadinessKeeper port of common/ (readiness/ provides it), and only the entry points, seeding/,
 * reports/ and pages read it. src/architecture.spec.ts proves the rules bite.
 */
const from = (folder) => `^(?:\\.\\.?/)+${folder}/`;
const WHY = '(see the import direction in eslint.config.js)';
const noWeb = { regex: from('web'), message: `Nothing imports web/: pages sit on top ${WHY}.` };
const noReports = {
  regex: from('reports'),
  message: `reports/ is imported only by web/ and the entry points ${WHY}.`,
};
const noRendering = {
  regex: from('rendering'),
  message: `rendering/ is imported only by reports/, health/, observability/ and the entry points ${WHY}.`,
};
/** The folders that may read the PDF renderer, besides the entry points. */
const RENDERING_READERS = ['rendering', 'reports', 'health', 'observability'];
const renderingBelowFeatures = {
  regex: '^\\.\\./(?!common/|config/)',
  message: `rendering/ is the Chromium machinery: it imports only common/ and config/ ${WHY}.`,
};
const noAppModule = {
  regex: '^(?:\\.\\.?/)+app\\.module(?:\\.js)?$',
  message: `Feature folders never import the app module; an entry point wires it ${WHY}.`,
};
const openapiTypesOnly = {
  regex: '^\\.\\./(?!openapi/)',
  allowTypeImports: true,
  message: `openapi/ imports other folders only as types (import type) ${WHY}.`,
};
const i18nBelowCommon = {
  regex: '^\\.\\./(?!config/)',
  allowTypeImports: true,
  message: `i18n/ is the catalogue common/ and every module read: it imports only config/ ${WHY}.`,
};
const readinessPure = {
  regex: '^\\.\\./(?!common/)[^/]+/(?![^/]+-(?:rules|types)\\.js$)',
  message: `readiness.ts reads other modules only through their pure *-rules/*-types files ${WHY}.`,
};
const noReadiness = {
  regex: from('readiness'),
  message: `readiness/ reads this module's pure rules: keep it current through ReadinessKeeper (common/readiness-keeper.ts), import nothing of it ${WHY}.`,
};
const restrict = (files, patterns) => ({
  files,
  rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] },
});
const features = readdirSync(join(import.meta.dirname, 'src'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && !['web', 'cli'].includes(d.name))
  .map((d) => d.name);
// Above readiness (besides pages and entry points): reports and the demo loader, which writes the
// demo's trend; openapi/ describes its API with types only (openapiTypesOnly).
const readsReadiness = ['readiness', 'reports', 'seeding', 'openapi'];
export const importDirection = [
  ...features.flatMap((f) => {
    const patterns = [noWeb, noAppModule];
    if (f === 'openapi') patterns.push(openapiTypesOnly);
    // rendering/ reads only common/ and config/ (below); its specs render the real report templates.
    else if (f !== 'reports' && f !== 'rendering') patterns.push(noReports);
    if (!RENDERING_READERS.includes(f)) patterns.push(noRendering);
    if (readsReadiness.includes(f)) return [restrict([`src/${f}/**/*.ts`], patterns)];
    // A spec may read readiness to prove something of it (every blocker has its texts).
    return [
      { ...restrict([`src/${f}/**/*.ts`], [...patterns, noReadiness]), ignores: ['**/*.spec.ts'] },
      restrict([`src/${f}/**/*.spec.ts`], patterns),
    ];
  }),
  {
    ...restrict(['src/rendering/**/*.ts'], [noWeb, noAppModule, renderingBelowFeatures]),
    ignores: ['src/rendering/**/*.spec.ts'],
  },
  restrict(['src/web/**/*.ts'], [noAppModule, noRendering]),
  // A command is given the application by src/cli.ts, which builds it.
  restrict(['src/cli/**/*.ts'], [noAppModule]),
  // The entity registry lists every entity, issued reports' included.
  restrict(['src/database/entities.ts'], [noWeb, noAppModule, noRendering]),
  // Its specs may read the helpers that use it (template-helpers).
  {
    ...restrict(
      ['src/i18n/**/*.ts'],
      [noWeb, noAppModule, noReports, noRendering, i18nBelowCommon],
    ),
    ignores: ['src/i18n/**/*.spec.ts'],
  },
  restrict(
    ['src/readiness/readiness.ts'],
    [noWeb, noAppModule, noReports, noRendering, readinessPure],
  ),
];

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'data/',
      'coverage/',
      'node_modules/',
      'test-artifacts/',
      'templates/',
      'src/openapi-metadata.ts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', ignoreRestSiblings: true },
      ],
      '@typescript-eslint/no-extraneous-class': 'off',
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.spec.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // null semantics are declared with Optional / OptionalNullable (src/common/validators.ts).
    files: ['src/**/*.ts'],
    ignores: ['src/config/configuration.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'class-validator',
              importNames: ['IsOptional'],
              message:
                'IsOptional lets null through as "absent": use Optional() or OptionalNullable() from src/common/validators.ts',
            },
          ],
        },
      ],
    },
  },
  ...importDirection,
  {
    // What a role may do is can(principal, permission) (auth/permissions.ts); what it means beyond
    // that is a named predicate (auth/principal-rules.ts): nowhere else compares role names.
    files: ['src/**/*.ts'],
    ignores: [
      '**/*.spec.ts',
      'src/auth/principal-rules.ts',
      // Demo data picks its demo users by role (a lookup in the seed, not a permission).
      'src/seeding/**',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector:
            "BinaryExpression[operator=/^[!=]==?$/][left.property.name='role'][right.type='Literal']",
          message:
            'Ask can(principal, permission) or a predicate of src/auth/principal-rules.ts instead of comparing role names.',
        },
      ],
    },
  },
  {
    // A page handler reads like an API handler: one call into its page class (view models,
    // forms) or a service. Mapping forms and building views belong beside the page (issue #13).
    files: ['src/web/*.controller.ts'],
    rules: { 'max-statements': ['error', 1] },
  },
  { files: ['*.js', 'scripts/**/*.js'], ...tseslint.configs.disableTypeChecked },
  prettier,
);
