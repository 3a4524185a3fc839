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
      from: {
        path: '^(shared|backend|functions|cli|tools|seeds)/',
        pathNot: '^tools/bench/office\\.ts$',
      },
      to: { path: '^addin/' },
    },
    {
      name: 'bench-sees-addin-types-only',
      severity: 'error',
      comment:
        "The Office.js bench names the pane's types; it runs the pane's code bundled by esbuild from " +
        'its sources, never imported (dist/addin is vite output, not compiled modules).',
      from: { path: '^tools/bench/office\\.ts$' },
      to: { path: '^addin/', dependencyTypesNot: ['type-only'] },
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
        'Hosts reach the backend through its public faces only: backend/index.ts; ' +
        'backend/workbooks.ts, the storage-free face (workbooks and error classes) that lets ' +
        '`pat validate` and `pat calendar` start without loading the Azure SDKs ' +
        '(backend/index.ts loads them with the store); and backend/trigger-table.ts, what the ' +
        'Functions host registers before it loads the backend.',
      // The benchmarks measure the storage layer itself (transactions against one entity per
      // request), so they alone reach the store; nothing they do ships.
      from: { path: HOSTS, pathNot: '^tools/bench/' },
      to: { path: '^backend/', pathNot: '^backend/(index|workbooks|trigger-table)\\.ts$' },
    },
    {
      name: 'functions-host-loads-backend-on-first-use',
      severity: 'error',
      comment:
        'The Functions app registers its triggers from the plain trigger table at start and ' +
        'loads the backend with the first invocation (a dynamic import): a static import would ' +
        'compile and run all of it on every cold start.',
      from: { path: '^functions/src/' },
      to: { path: '^backend/index\\.ts$', dependencyTypesNot: ['type-only', 'dynamic-import'] },
    },
    {
      name: 'trigger-table-is-plain-data',
      severity: 'error',
      comment:
        'The trigger table is what a cold start loads: route names and paths, timer schedules. ' +
        'It imports the route table (no schemas) and nothing else.',
      from: { path: '^backend/trigger-table\\.ts$' },
      to: { pathNot: '^shared/api/route-table\\.ts$' },
    },
    {
      name: 'route-table-is-plain-data',
      severity: 'error',
      comment: 'The route table has no schemas and no imports: the trigger table stands on it.',
      from: { path: '^shared/api/route-table\\.ts$' },
      to: {},
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
        'store → services → http, timers → triggers: the store imports none of the layers above (backend/errors.ts, the errors a client can see, is below them all).',
      from: { path: '^backend/store/' },
      to: { path: '^backend/(services|http|timers|triggers|index|workbooks)' },
    },
    {
      name: 'errors-are-the-floor',
      severity: 'error',
      comment:
        'backend/errors.ts holds the errors a client can see, thrown by the store and the services and mapped by http/route.ts: it imports nothing of the backend.',
      from: { path: '^backend/errors\\.ts$' },
      to: { path: '^backend/' },
    },
    {
      name: 'http-only-through-services',
      severity: 'error',
      comment:
        'Handlers parse, authorize, call one service and shape the answer: at run time backend/http/ imports no store and no workbook code (types only), so every use case has its room in services/.',
      from: { path: '^backend/http/' },
      to: { path: '^backend/(store|xlsx)/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'services-below-http',
      severity: 'error',
      comment: 'Services know nothing of HTTP: typed errors, not status codes.',
      from: { path: '^backend/services/' },
      to: { path: '^backend/(http|timers|triggers|index|workbooks)' },
    },
    {
      name: 'xlsx-adapter-below-store',
      severity: 'error',
      comment:
        'The adapters (workbooks, the Word document, mail) turn data into files and messages and back: they know no storage and no use case.',
      from: { path: '^backend/(xlsx|docx|mail)/' },
      to: { path: '^backend/(store|services|http|timers|triggers|index|workbooks)' },
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
