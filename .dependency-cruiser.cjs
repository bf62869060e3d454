// Module boundaries of DESIGN.md §1, checked on every `npm run check`. TypeScript 7 has no JS API,
// so the swc parser reads the sources (see docs/adr/0002-node-20-compatible-versions.md).
// What each module may import (DESIGN.md §1, the module table). Anything else travels as an event.
const allowedImports = {
  'transparency-log': [],
  identity: ['transparency-log'],
  documents: ['identity', 'transparency-log'],
  trade: ['identity', 'documents'],
  customs: ['identity', 'documents', 'trade'],
  logistics: ['identity', 'documents', 'trade'],
  payments: ['identity'],
  finance: ['identity', 'documents', 'trade', 'logistics', 'payments', 'transparency-log'],
  'data-market': ['identity', 'documents', 'payments', 'transparency-log'],
  disputes: ['identity', 'documents', 'trade', 'payments', 'transparency-log'],
  expo: ['identity'],
  stats: [],
  policy: ['identity'],
};

const moduleImportRules = Object.entries(allowedImports).map(([module, allowed]) => ({
  name: `module-imports-${module}`,
  severity: 'error',
  comment: `${module} may import only ${allowed.length === 0 ? 'no other module' : allowed.join(', ')}.`,
  from: { path: `^server/src/modules/${module}/` },
  to: {
    path: '^server/src/modules/',
    pathNot: [
      `^server/src/modules/${module}/`,
      ...allowed.map((m) => `^server/src/modules/${m}/index\\.ts$`),
    ],
  },
}));

module.exports = {
  forbidden: [
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'module-internals-are-private',
      severity: 'error',
      comment: 'Reach another module only through its index.ts.',
      from: { path: '^server/src/modules/([^/]+)/' },
      to: {
        path: '^server/src/modules/[^/]+/',
        pathNot: ['^server/src/modules/$1/', '^server/src/modules/[^/]+/index\\.ts$'],
      },
    },
    {
      name: 'outside-reaches-modules-by-index',
      severity: 'error',
      comment: 'Composition root, flows, seed and tests use a module only through its index.ts.',
      from: { path: '^server/(src|test)/', pathNot: '^server/src/modules/' },
      to: { path: '^server/src/modules/[^/]+/', pathNot: '^server/src/modules/[^/]+/index\\.ts$' },
    },
    {
      name: 'flows-sit-above-modules',
      severity: 'error',
      comment:
        'A flow (server/src/flows) spans modules; no module or platform code depends on one, only the composition root.',
      from: { path: '^server/src/(modules|platform)/' },
      to: { path: '^server/src/flows/' },
    },
    {
      name: 'platform-knows-no-module',
      severity: 'error',
      comment: 'The platform serves every module; it never depends on one.',
      from: { path: '^server/src/platform/' },
      to: { path: '^server/src/modules/' },
    },
    {
      name: 'domain-is-pure',
      severity: 'error',
      comment: 'domain/ holds rules only: no database, HTTP, events or node I/O.',
      from: { path: '^server/src/modules/[^/]+/domain/' },
      to: {
        path: [
          '^server/src/platform/(db|http|events|audit)/',
          '^server/src/modules/[^/]+/(service|routes|repository)',
          'node_modules/(fastify|pg|kysely|@electric-sql)/',
        ],
      },
    },
    {
      name: 'kernel-is-pure',
      severity: 'error',
      comment: 'The kernel runs in browsers too: no server code, no node built-ins.',
      from: { path: '^packages/kernel/src/', pathNot: '\\.test\\.ts$' },
      to: { path: ['^server/', '^web/'], dependencyTypes: ['local', 'npm', 'core'] },
    },
    {
      name: 'kernel-uses-no-node-builtins',
      severity: 'error',
      from: { path: '^packages/kernel/src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'verifier-is-a-leaf',
      severity: 'error',
      comment:
        'The offline verifier runs without the tradehub server, database or network: kernel and @noble only.',
      from: { path: '^packages/verifier/src/', pathNot: '\\.test\\.ts$' },
      to: {
        path: ['^server/', '^web/', 'node_modules/(?!@noble/)'],
        pathNot: ['^packages/kernel/', '^packages/verifier/'],
      },
    },
    {
      name: 'verifier-uses-no-node-builtins',
      severity: 'error',
      from: { path: '^packages/verifier/src/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'web-talks-http-only',
      severity: 'error',
      comment: 'The web app reaches the server over HTTP; it may use the pure kernel.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    ...moduleImportRules,
  ],
  options: {
    parser: 'swc',
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', 'dist', '\\.tmp', 'data/'] },
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
      conditionNames: ['import', 'default'],
    },
  },
};
