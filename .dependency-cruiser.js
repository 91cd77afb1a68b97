/**
 * Architecture rules, checked in CI (`npm run lint`):
 * - the pure libraries (core, strategies) import nothing with I/O;
 * - libraries never import apps, and apps never import each other's internals;
 * - no import cycles anywhere.
 */
const IO_PACKAGES = '(@nestjs|typeorm|pg|bullmq|bullmq-otel|ioredis|redis|@opentelemetry)(/|$)';

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
      name: 'worker-no-database',
      severity: 'error',
      comment: 'workers need Redis and their targets only: no PostgreSQL',
      from: { path: '^apps/worker/' },
      to: { path: '(^libs/persistence/|node_modules/(typeorm|pg|@nestjs/typeorm)/)' },
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
    exclude: { path: '^dist/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
