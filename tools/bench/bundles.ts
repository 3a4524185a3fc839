/**
 * What the browser downloads before the task pane and the dashboard can run: every JavaScript file
 * their built HTML loads (the entry script and its modulepreload links), raw and gzipped (level 9,
 * each file on its own, as a server sends them). From `vite build`'s output in dist/addin and
 * dist/dashboard; Office.js, which the pane takes from Microsoft's CDN, is not counted.
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
    if (url && !/^([a-z]+:)?\/\//i.test(url) && !found.includes(url)) found.push(url);
  }
  return found;
}

/** The JavaScript a built page loads, measured. Throws when the build is missing. */
export function measurePage(htmlFile: string): PageJs {
  if (!existsSync(htmlFile))
    throw new Error(
      `Falta ${htmlFile}: compile el panel y el tablero primero (npm run build, o ` +
        'npx vite build --config addin/vite.config.mjs y --config dashboard/vite.config.mjs).',
    );
  const dir = path.dirname(htmlFile);
  const files = scriptsOf(readFileSync(htmlFile, 'utf8')).map((url) =>
    path.resolve(dir, decodeURI(url.split(/[?#]/)[0]!)),
  );
  if (files.length === 0) throw new Error(`${htmlFile} no carga ningún script local.`);
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    if (!existsSync(file))
      throw new Error(`${htmlFile} carga ${path.relative(dir, file)}, que no existe.`);
    const content = readFileSync(file);
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files: files.map((f) => path.relative(dir, f)), bytes, gzipBytes };
}

const kb = (bytes: number) => (bytes / 1024).toFixed(1);

export function runBundleBench(): Record<string, number> {
  const dist = path.join(repositoryRoot(), 'dist');
  const pane = measurePage(path.join(dist, 'addin', 'taskpane.html'));
  const dashboard = measurePage(path.join(dist, 'dashboard', 'index.html'));
  const result = {
    pane_js_bytes: pane.bytes,
    pane_js_gzip_bytes: pane.gzipBytes,
    dashboard_js_bytes: dashboard.bytes,
    dashboard_js_gzip_bytes: dashboard.gzipBytes,
  };
  console.log('JavaScript que carga cada página (vite build; gzip nivel 9)');
  for (const [label, page] of [
    ['Panel de tareas', pane],
    ['Tablero', dashboard],
  ] as const)
    console.log(
      `  ${`${label}:`.padEnd(17)}${kb(page.bytes)} KB, ${kb(page.gzipBytes)} KB con gzip  ` +
        `(${page.files.length} ${page.files.length === 1 ? 'archivo' : 'archivos'})`,
    );
  return result;
}
