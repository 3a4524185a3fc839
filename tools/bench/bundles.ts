/**
 * What the browser downloads before the task pane and the dashboard can run, and what the pane
 * fetches later only to sign in: raw and gzipped (level 9, each file on its own, as a server sends
 * them). From `vite build`'s output in dist/addin and dist/dashboard; Office.js, which the pane
 * takes from Microsoft's CDN, is not counted.
 *
 * At start: every script the built HTML loads (its entry and its modulepreload links) and every
 * chunk those import statically (`import … from "./x.js"`, fetched before they run). On demand:
 * the chunks they import dynamically (`import("./x.js")`) and theirs, less what is loaded at start
 * — for the pane, MSAL and the sign-in code, fetched only where the server asks for Entra sign-in.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

interface PageJs {
  files: string[];
  bytes: number;
  gzipBytes: number;
}

function repositoryRoot(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'addin', 'vite.config.mjs'))) return dir;
    if (path.dirname(dir) === dir)
      throw new Error(`No se encontró addin/vite.config.mjs por encima de ${__dirname}.`);
  }
}

const isLocal = (url: string) => !/^([a-z]+:)?\/\//i.test(url);

/** The local scripts an HTML page loads: `<script src>` and `<link rel="modulepreload" href>`. */
export function scriptsOf(html: string): string[] {
  const found: string[] = [];
  for (const [tag] of html.matchAll(/<(?:script|link)\b[^>]*>/gi)) {
    const attribute = (name: string) =>
      new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i')
        .exec(tag)
        ?.slice(1)
        .find((v) => v !== undefined);
    const url = /^<script/i.test(tag)
      ? attribute('src')
      : attribute('rel')?.toLowerCase() === 'modulepreload'
        ? attribute('href')
        : undefined;
    if (url && isLocal(url) && !found.includes(url)) found.push(url);
  }
  return found;
}

/**
 * The local chunks a built (minified) chunk imports: statically — `import{…}from"./x.js"`,
 * `import"./x.js"`, `export{…}from"./x.js"` — and dynamically, `import("./x.js")` (vite writes
 * the specifier in any quotes).
 */
export function importsOf(js: string): { static: string[]; dynamic: string[] } {
  const local = (specifiers: Iterable<RegExpMatchArray>) => [
    ...new Set([...specifiers].map((m) => m[1]!).filter(isLocal)),
  ];
  return {
    static: local(
      js.matchAll(
        /(?:^|[;\n])\s*(?:import|export)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'`]([^"'`]+)["'`]/g,
      ),
    ),
    dynamic: local(js.matchAll(/\bimport\(\s*["'`]([^"'`]+)["'`]\s*\)/g)),
  };
}

function measure(dir: string, files: string[]): PageJs {
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.map((f) => path.relative(dir, f)), bytes, gzipBytes };
}

/** The JavaScript a built page loads at start, and what it may load later. Throws when the build is missing. */
export function measurePage(htmlFile: string): { start: PageJs; onDemand: PageJs } {
  if (!existsSync(htmlFile))
    throw new Error(
      `Falta ${htmlFile}: compile el panel y el tablero primero (npm run build, o ` +
        'npx vite build --config addin/vite.config.mjs y --config dashboard/vite.config.mjs).',
    );
  const dir = path.dirname(htmlFile);
  const resolve = (from: string, url: string) =>
    path.resolve(from, decodeURI(url.split(/[?#]/)[0]!));
  const read = (file: string, by: string) => {
    if (!existsSync(file))
      throw new Error(`${by} carga ${path.relative(dir, file)}, que no existe.`);
    return readFileSync(file, 'utf8');
  };
  /** `roots` and every chunk they import statically; `later` collects their dynamic imports. */
  const closure = (roots: string[], later: Set<string>, by: string): string[] => {
    const seen = new Set<string>();
    const visit = (file: string, from: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const imports = importsOf(read(file, from));
      for (const url of imports.dynamic) later.add(resolve(path.dirname(file), url));
      for (const url of imports.static) visit(resolve(path.dirname(file), url), file);
    };
    for (const root of roots) visit(root, by);
    return [...seen];
  };

  const entries = scriptsOf(readFileSync(htmlFile, 'utf8')).map((url) => resolve(dir, url));
  if (entries.length === 0) throw new Error(`${htmlFile} no carga ningún script local.`);
  const dynamic = new Set<string>();
  const start = closure(entries, dynamic, htmlFile);
  // What the on-demand chunks import dynamically in turn is on demand too.
  const onDemand = new Set<string>();
  for (let grew = true; grew;) {
    grew = false;
    for (const file of closure([...dynamic], dynamic, htmlFile))
      if (!start.includes(file) && !onDemand.has(file)) {
        onDemand.add(file);
        grew = true;
      }
  }
  return { start: measure(dir, start), onDemand: measure(dir, [...onDemand]) };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);
/** The pane's JavaScript at start, gzipped, at most this (Office loads it on every open). */
const PANE_GOAL_KB = 200;

export function runBundleBench(): Record<string, number> {
  const dist = path.join(repositoryRoot(), 'dist');
  const pane = measurePage(path.join(dist, 'addin', 'taskpane.html'));
  const dashboard = measurePage(path.join(dist, 'dashboard', 'index.html'));
  const result = {
    pane_js_bytes: pane.start.bytes,
    pane_js_gzip_bytes: pane.start.gzipBytes,
    pane_sign_in_js_bytes: pane.onDemand.bytes,
    pane_sign_in_js_gzip_bytes: pane.onDemand.gzipBytes,
    dashboard_js_bytes: dashboard.start.bytes,
    dashboard_js_gzip_bytes: dashboard.start.gzipBytes,
  };
  console.log('JavaScript que carga cada página (vite build; gzip nivel 9)');
  const line = (label: string, js: PageJs) =>
    console.log(
      `  ${`${label}:`.padEnd(36)}${kb(js.bytes)} KB, ${kb(js.gzipBytes)} KB con gzip  ` +
        `(${js.files.length} ${js.files.length === 1 ? 'archivo' : 'archivos'})`,
    );
  line('Panel de tareas, al abrir', pane.start);
  console.log(`  ${''.padEnd(36)}(meta: ≤ ${PANE_GOAL_KB} KB con gzip)`);
  line('Panel de tareas, al iniciar sesión', pane.onDemand);
  line('Tablero, al abrir', dashboard.start);
  if (dashboard.onDemand.files.length > 0) line('Tablero, después', dashboard.onDemand);
  return result;
}
