/** Serves the built task pane (dist/addin) next to the API in the local dev server: same origin, no CORS. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
  '.xml': 'application/xml; charset=utf-8',
};

export async function staticFile(
  root: string,
  urlPath: string,
): Promise<{ status: number; type: string; body: Buffer } | undefined> {
  const relative = decodeURIComponent(urlPath === '/' ? '/taskpane.html' : urlPath);
  const file = path.resolve(root, `.${relative}`);
  // Nothing outside the folder, whatever "../" the path holds.
  if (!file.startsWith(path.resolve(root) + path.sep)) return undefined;
  try {
    return {
      status: 200,
      type: TYPES[path.extname(file)] ?? 'application/octet-stream',
      body: await readFile(file),
    };
  } catch {
    return undefined;
  }
}
