/**
 * The architecture as rules (dependency-cruiser; `npm run arch`, part of `npm test`): three
 * hosts over one backend over the domain core, the add-in and the dashboard beside them on the core alone.
 *
 *   functions/ (Azure Functions host)   tools/ (dev host, bench, scripts)   cli/ (pat)
 *                      \                        |                          /
 *                       backend/index.ts — store → services → http, timers → triggers
 *                       (backend/workbooks.ts: the storage-free face, for a fast `pat`)
 *                                               |
 *   addin/ ——————————————————————————————> shared/ (pure core + shared/api, the HTTP contract)
 *   dashboard/ ——————————————————————————> shared/
 */
const HOSTS = '^(functions|cli|tools)/';
/** Packages that do I/O or belong to one host: never in the pure core. */
const IO_PACKAGES =
  '^(exceljs|@azure|office-|@fluentui|react|react-dom|playwright-core|azurite|croner|commander|node:)';

module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No module reaches itself through others.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-imports-only-core',
      severity: 'error',
      comment: 'shared/ is the pure domain core: it imports nothing of ours outside itself.',
      from: { path: '^shared/' },
      to: { path: '^(backend|functions|cli|tools|addin|dashboard|seeds|tests)/' },
    },
    {
      name: 'core-does-no-io',
      severity: 'error',
      comment: 'shared/ does no I/O: no Node built-ins, no Office, no Azure, no file formats.',
      from: { path: '^shared/' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'core-uses-no-io-packages',
      severity: 'error',
      comment: 'shared/ does no I/O: no Node built-ins, no Office, no Azure, no file formats.',
      from: { path: '^shared/' },
      to: { path: `node_modules/${IO_PACKAGES.slice(1)}` },
    },
    {
      name: 'addin-only-on-core',
      severity: 'error',
      comment: 'The add-in runs in Excel: it uses the core and the contract, never server code.',
      from: { path: '^addin/' },
      to: { path: '^(backend|functions|cli|tools|seeds)/' },
    },
    {
      name: 'nothing-imports-addin',
      severity: 'error',
      comment: 'Server, hosts and tools never import the add-in.',
      from: { path: '^(shared|backend|functions|cli|tools|seeds)/' },
      to: { path: '^addin/' },
    },
    {
      name: 'dashboard-only-on-core',
      severity: 'error',
      comment:
        'The dashboard runs in a browser: it uses the core and the contract (shared/), nothing else of ours.',
      from: { path: '^dashboard/' },
      to: { path: '^(backend|functions|cli|tools|seeds|addin|tests)/' },
    },
    {
      name: 'nothing-imports-dashboard',
      severity: 'error',
      comment: 'Server, hosts, tools and the add-in never import the dashboard.',
      from: { path: '^(shared|backend|functions|cli|tools|seeds|addin)/' },
      to: { path: '^dashboard/' },
    },
    {
      name: 'hosts-use-backend-public-module',
      severity: 'error',
      comment:
        'Hosts reach the backend through its public faces only: backend/index.ts, and ' +
        'backend/workbooks.ts, the storage-free face (workbooks and error classes) that lets ' +
        '`pat validate` and `pat calendar` start without loading the Azure SDKs ' +
        '(backend/index.ts loads them with the store).',
      from: { path: HOSTS },
      to: { path: '^backend/', pathNot: '^backend/(index|workbooks)\\.ts$' },
    },
    {
      name: 'backend-never-imports-hosts',
      severity: 'error',
      comment: 'The backend knows no host: no Functions glue, no dev host, no CLI.',
      from: { path: '^backend/' },
      to: { path: HOSTS },
    },
    {
      name: 'store-is-the-bottom',
      severity: 'error',
      comment:
        'store → services → http, timers → triggers: the store imports none of the layers above.',
      from: { path: '^backend/store/' },
      to: { path: '^backend/(services|http|timers|triggers|deps|index|workbooks)' },
    },
    {
      name: 'services-below-http',
      severity: 'error',
      comment: 'Services know nothing of HTTP: typed errors, not status codes.',
      from: { path: '^backend/services/' },
      to: { path: '^backend/(http|timers|triggers|deps|index|workbooks)' },
    },
    {
      name: 'xlsx-adapter-below-store',
      severity: 'error',
      comment: 'The workbook adapter turns files into grids and back: it knows no storage.',
      from: { path: '^backend/xlsx/' },
      to: { path: '^backend/(store|services|http|timers|triggers|deps|index|workbooks)' },
    },
    {
      name: 'shipped-never-imports-dev-code',
      severity: 'error',
      comment:
        'Nothing that ships (core, backend, Functions app, CLI, add-in, dashboard) imports tools/ or tests/.',
      from: { path: '^(shared|backend|functions|cli|addin|dashboard|seeds)/' },
      to: { path: '^(tools|tests)/' },
    },
    {
      name: 'seeds-are-data',
      severity: 'error',
      comment: 'seeds/ is the reference data and its loader: it uses the core only.',
      from: { path: '^seeds/' },
      to: { path: '^(backend|functions|cli|tools|addin|dashboard)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    moduleSystems: ['cjs', 'es6'],
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] },
  },
};
