/**
 * The web pages the functions app serves beside the API, from one folder (`PAT_WEB_ROOT`):
 * the managers' dashboard under /dashboard/ (`/` leads there), the update page the reminders link
 * to under /dashboard/actualizar/ (their short `/actualizar/?programa=…` leads there, query and
 * all) and the task pane (taskpane.html, its assets and icons) at the root, so Excel and browsers
 * reach them all over the app's own HTTPS.
 */
import { HttpResponseInit } from '@azure/functions';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Deps } from '../deps';
import { notFound } from '../responses';
import { RouteHandler } from '../route';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
  '.woff2': 'font/woff2',
};

/** The update page (reminders link to it); its relative assets need the trailing slash. */
const UPDATE_PAGE = '/dashboard/actualizar/';
const UPDATE_PAGE_ALIASES = new Set(['/actualizar', '/actualizar/', '/dashboard/actualizar']);

const redirect = (location: string): HttpResponseInit => ({
  status: 302,
  headers: { Location: location, 'Cache-Control': 'no-store' },
});
const missing = (): HttpResponseInit => ({
  status: 404,
  headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  body: 'No existe.',
});

/** The file a URL path names inside the web root, or undefined: nothing outside it, whatever "../" the path holds. */
export function webFile(root: string, urlPath: string): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  // A folder's URL (`/dashboard/`, `/dashboard/actualizar/`) is its index.html.
  const inDashboard = decoded.slice('/dashboard/'.length);
  const relative = decoded.startsWith('/dashboard/')
    ? path.join(
        'dashboard',
        inDashboard === '' || inDashboard.endsWith('/') ? `${inDashboard}index.html` : inDashboard,
      )
    : path.join('addin', decoded.slice(1));
  const file = path.resolve(root, relative);
  return file.startsWith(path.resolve(root) + path.sep) ? file : undefined;
}

export const getWebPage =
  ({ webRoot }: Deps): RouteHandler =>
  async (request) => {
    const { pathname, search } = new URL(request.url);
    if (pathname.startsWith('/api/')) return notFound(`No existe la ruta ${pathname}.`);
    if (pathname === '/' || pathname === '/dashboard') return redirect('/dashboard/');
    // The reminders' link, short: the page itself, the programme (`?programa=`) kept.
    if (UPDATE_PAGE_ALIASES.has(pathname)) return redirect(`${UPDATE_PAGE}${search}`);
    const file = webRoot ? webFile(webRoot, pathname) : undefined;
    if (!file) return missing();
    try {
      const body = await readFile(file);
      // Vite names assets by their content: they never change under one name.
      const immutable = /\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.\w+$/.test(file);
      return {
        status: 200,
        body: new Uint8Array(body),
        headers: {
          'Content-Type': TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
          'X-Content-Type-Options': 'nosniff',
        },
      };
    } catch {
      return missing();
    }
  };
