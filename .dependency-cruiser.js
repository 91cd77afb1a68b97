/**
 * Architecture rules, checked in CI (`npm run lint`); test/lint/architecture-rules.spec.ts
 * proves each one fails on a fixture that breaks it.
 * - the pure libraries (core, strategies) import nothing with I/O;
 * - libraries never import apps; the coordinator and the worker never import
 *   each other or the CLI, and the CLI starts them through their entry points only;
 * - TypeORM and the PostgreSQL driver are used by libs/persistence and the
 *   coordinator's database wiring only;
 * - nothing the build compiles imports a dev dependency or test-only code;
 * - @attune/* aliases appear in static imports only (what `nest build` rewrites);
 * - the dashboard (browser code) imports only libs/core, preact and uPlot;
 * - no import cycles anywhere.
 */
const IO_PACKAGES = '(@nestjs|typeorm|pg|bullmq|bullmq-otel|ioredis|redis|@opentelemetry)(/|$)';

/**
 * Test-only files: specs, and test/, test-support/, testing/ and fixtures/
 * folders (tsconfig.build.json excludes exactly these, so they never reach dist/).
 */
const TEST_ONLY = '(\\.spec\\.ts$|(^|/)(test|test-support|testing|fixtures)/)';

/** The coordinator's and the worker's entry points: all the CLI may import of them. */
const APP_ENTRIES = '^apps/(coordinator|worker)/src/main\\.ts$';

/** The dashboard: browser code, bundled by vite at build time (its packages are build-time dependencies). */
const DASHBOARD = '^apps/dashboard/';

const DATABASE_PACKAGES = 'node_modules/(typeorm|@nestjs/typeorm|pg|@types/pg)/';

module.exports = {
  forbidden: [
    {
      name: 'pure-libs-no-io',
      severity: 'error',
      comment: 'core and strategies are pure logic: no Nest, TypeORM, BullMQ, Redis or OpenTelemetry',
      from: { path: '^libs/(core|strategies)/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], path: `node_modules/${IO_PACKAGES}` },
    },
    {
      name: 'pure-libs-no-node-io',
      severity: 'error',
      comment: 'core and strategies do no I/O: no fs, net, child_process or http',
      from: { path: '^libs/(core|strategies)/', pathNot: '\\.spec\\.ts$' },
      to: { dependencyTypes: ['core'], path: '^(fs|fs/promises|net|child_process|http|https|dgram|cluster)$' },
    },
    {
      name: 'core-depends-on-nothing-of-ours',
      severity: 'error',
      from: { path: '^libs/core/' },
      to: { path: '^(libs/(strategies|persistence|queue|telemetry|targets)|apps)/' },
    },
    {
      name: 'strategies-only-core',
      severity: 'error',
      from: { path: '^libs/strategies/' },
      to: { path: '^(libs/(persistence|queue|telemetry|targets)|apps)/' },
    },
    {
      name: 'libs-not-apps',
      severity: 'error',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-not-other-apps',
      severity: 'error',
      comment:
        'the coordinator and the worker are separate processes: neither imports the other or the CLI. ' +
        'What they share lives in libs/. (Cross-app tests belong in the top-level test/.)',
      from: { path: '^apps/(coordinator|worker)/', pathNot: TEST_ONLY },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'cli-starts-apps-by-entry-only',
      severity: 'error',
      comment: "the CLI starts the coordinator and the worker through their entry points (src/main.ts), never their internals",
      from: { path: '^apps/cli/', pathNot: TEST_ONLY },
      to: { path: '^apps/(coordinator|worker)/', pathNot: APP_ENTRIES },
    },
    {
      name: 'typeorm-only-in-persistence',
      severity: 'error',
      comment:
        'TypeORM and pg belong to libs/persistence (entities, repositories, transactions: Transaction, StudyLocks) ' +
        "and the coordinator's database wiring (apps/coordinator/src/database/)",
      from: {
        pathNot: [
          '^libs/persistence/',
          '^apps/coordinator/src/database/',
          // benchmarks read the tables to measure, and the raw-BullMQ ceiling writes rows of its own
          '^bench/',
          TEST_ONLY,
        ],
      },
      to: { path: DATABASE_PACKAGES },
    },
    {
      name: 'worker-no-database',
      severity: 'error',
      comment: 'workers need Redis and their targets only: no PostgreSQL',
      from: { path: '^apps/worker/' },
      to: { path: `(^libs/persistence/|${DATABASE_PACKAGES})` },
    },
    {
      name: 'dashboard-reads-the-api-only',
      severity: 'error',
      comment:
        'the dashboard runs in the browser and knows the coordinator only by its REST API and event stream: ' +
        'it imports the response shapes and pure logic of libs/core, never another app, a library with I/O or a Node module',
      from: { path: DASHBOARD, pathNot: ['^apps/dashboard/vite\\.config\\.mts$', TEST_ONLY] },
      to: {
        pathNot: ['^apps/dashboard/', '^libs/core/', 'node_modules/(preact|uplot)/'],
      },
    },
    {
      name: 'build-no-dev-dependencies',
      severity: 'error',
      comment:
        'what the build compiles runs without devDependencies (npm install --omit=dev): ' +
        'move the package to dependencies, or the importing file into a test-only place. ' +
        'Type-only imports are erased by the compiler and allowed.',
      from: { pathNot: [TEST_ONLY, DASHBOARD] },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'build-not-test-code',
      severity: 'error',
      comment: 'the build excludes specs and test folders; a build file importing one would drag it into dist/',
      from: { pathNot: TEST_ONLY },
      to: { path: TEST_ONLY },
    },
    {
      name: 'no-undeclared-packages',
      severity: 'error',
      comment: 'every package imported is declared in package.json (not only present as a dependency of a dependency)',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'aliases-in-static-imports-only',
      severity: 'error',
      comment:
        "`nest build` (Nest's tsc builder) rewrites @attune/* only in import and export declarations: " +
        'an aliased import(), require() or import = require() would fail at run time in its output. Use a relative path.',
      from: {},
      to: { dependencyTypes: ['aliased-tsconfig-paths'], dependencyTypesNot: ['import', 'export'] },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^dist/|^test/lint/fixtures/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
