// Jest 30 in native ESM mode (run with --experimental-vm-modules): NestJS 12 ships ES modules only.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'es6' },
    sourceMaps: 'inline',
  },
];

const common = {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: { '^.+\\.ts$': swc },
  testEnvironment: 'node',
};

/**
 * Integration files about the HTTP layer alone — who the guard lets through, the API description,
 * the proxy setting, admission control, CSRF of form uploads, the PDF queue: nothing in them reads or
 * writes differently on PostgreSQL, so they run on SQLite only. Everything that touches the data
 * runs on both engines (the fuzz, every caller included, too).
 */
const HTTP_LAYER_ONLY = [
  'access-matrix',
  'openapi',
  'trust-proxy',
  'admission',
  'csrf-upload',
  'pdf-queue',
].map((name) => `<rootDir>/test/${name}\\.e2e-spec\\.ts$`);

const integration = (engine) => ({
  ...common,
  displayName: engine,
  testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
  testPathIgnorePatterns: engine === 'postgres' ? ['/node_modules/', ...HTTP_LAYER_ONLY] : [],
  setupFiles: [`<rootDir>/test/support/engine-${engine}.ts`],
  testTimeout: 180_000,
});

/** @type {import('jest').Config} */
export default {
  maxWorkers: 2,
  // Writes src/openapi-metadata.ts (the swagger plugin's metadata) when a fresh clone lacks it.
  globalSetup: './scripts/openapi-metadata.js',
  testTimeout: 180_000,
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    integration('sqlite'),
    integration('postgres'),
    // Pages driven in real headless Chromium against the app on SQLite.
    {
      ...common,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser-spec.ts'],
      setupFiles: ['<rootDir>/test/support/engine-sqlite.ts'],
    },
  ],
};
