/**
 * The local dev host, for machines without Azure Functions Core Tools: serves the backend's
 * trigger table on /api/… by turning each Node request into an `@azure/functions` HttpRequest
 * and the handler's answer back into a Node response, and runs a timer on demand the way the
 * Functions host does (`POST /admin/functions/{name}`). Listens on 127.0.0.1 only; never deployed.
 */
import { HttpRequest, HttpResponse, InvocationContext, LogHandler } from '@azure/functions';
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { AddressInfo } from 'node:net';
import {
  MAX_BODY_BYTES,
  PRINCIPAL_HEADER,
  PrincipalClaims,
  Route,
  Timer,
  encodePrincipal,
  toHttpHandler,
} from '../../backend';
import { runTimer } from './timers';

export interface DevServerOptions {
  routes: Route[];
  /** Timers that `POST /admin/functions/{name}` may run now. */
  timers?: Timer[];
  /** «Modo local»: stands in for App Service authentication for callers on this machine (see settings). */
  devPrincipal?: PrincipalClaims;
  log?: LogHandler;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
  handle: ReturnType<typeof toHttpHandler>;
}

/**
 * `api/programs/{programId}/sessions.ics` → a regex with one group per parameter; `{*path}`
 * (the host's catch-all) takes the rest of the path.
 */
export function compileRoute(template: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) =>
      segment.replace(/\{(\*?)(\w+)(?::\w+)?\}|[^{}]+/g, (match, star?: string, name?: string) => {
        if (name) {
          names.push(name);
          return star ? '(.*)' : '([^/]+)';
        }
        return match.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      }),
    )
    .join('/');
  return { pattern: new RegExp(`^/${source}/?$`, 'i'), names };
}

const quietLog: LogHandler = (level, ...args) => {
  if (level === 'error' || level === 'warning') console.error(`[${level}]`, ...args);
};

export function createDevServer(options: DevServerOptions): http.Server {
  return http.createServer(requestListener(options));
}

/** The dev server's request handling, for an http or an https server. */
export function requestListener(options: DevServerOptions): http.RequestListener {
  const compiled: CompiledRoute[] = options.routes.map((route) => ({
    route,
    ...compileRoute(route.route),
    handle: toHttpHandler(route),
  }));
  const log = options.log ?? quietLog;
  // The largest body any route takes (an upload's limit may pass the JSON one); each route's own
  // limit is checked by the request guard, as in the Functions host.
  const bodyLimit = Math.max(MAX_BODY_BYTES, ...options.routes.map((r) => r.upload?.maxBytes ?? 0));

  return (req, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // A body is never buffered past the limit: the sender is told 413 and the rest is dropped.
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size <= bodyLimit) chunks.push(c);
      else if (!res.headersSent) {
        res.writeHead(413, {
          'Content-Type': 'application/json; charset=utf-8',
          Connection: 'close',
        });
        res.end(
          JSON.stringify({
            error: `El cuerpo de la solicitud pasa de ${bodyLimit / 1024 / 1024} MB, el máximo que se acepta.`,
          }),
        );
        chunks.length = 0;
      }
    });
    req.on('end', () => {
      if (size > bodyLimit) return;
      void serve(req, Buffer.concat(chunks), res).catch((error: unknown) => {
        log('error', error);
        if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ error: 'Error interno.' }));
      });
    });
  };

  async function serve(
    req: http.IncomingMessage,
    bodyBytes: Buffer,
    res: http.ServerResponse,
  ): Promise<void> {
    // As the Functions host does: the request's URL with the host it was sent to (feeds build links on it).
    const secure = 'encrypted' in req.socket && req.socket.encrypted === true;
    const host = /^[A-Za-z0-9.-]+(:\d{1,5})?$/.test(req.headers.host ?? '')
      ? req.headers.host
      : '127.0.0.1';
    let url: URL;
    try {
      url = new URL(req.url ?? '/', `${secure ? 'https' : 'http'}://${host}`);
    } catch {
      res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'La dirección pedida no es válida.' }));
      return;
    }
    const method = (req.method ?? 'GET').toUpperCase();
    const admin = /^\/admin\/functions\/([^/]+)$/.exec(url.pathname);
    if (admin) return runTimerNow(req, res, safeDecode(admin[1]!) ?? '', bodyBytes);
    const candidates = compiled
      .map((c) => ({ c, match: c.pattern.exec(url.pathname) }))
      .filter((x) => x.match);
    const found = candidates.find(({ c }) => c.route.methods.includes(method as never));
    if (!found) {
      const status = candidates.length > 0 ? 405 : 404;
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          error:
            status === 405
              ? `Método ${method} no permitido en ${url.pathname}.`
              : `No existe la ruta ${url.pathname}.`,
        }),
      );
      return;
    }
    const { c, match } = found;
    const decoded = c.names.map((n, i) => [n, safeDecode(match![i + 1] as string)] as const);
    if (decoded.some(([, v]) => v === undefined)) {
      res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(
        JSON.stringify({
          errors: [{ path: 'params', message: 'La dirección tiene un «%» mal escrito.' }],
        }),
      );
      return;
    }
    const params = Object.fromEntries(decoded.map(([n, v]) => [n, v ?? '']));
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers))
      if (v !== undefined) headers[k] = Array.isArray(v) ? v.join(', ') : v;
    // «Modo local» signs in only callers on this machine, whatever address the server was bound to.
    if (options.devPrincipal && !headers[PRINCIPAL_HEADER] && isLoopback(req.socket.remoteAddress))
      headers[PRINCIPAL_HEADER] = encodePrincipal(options.devPrincipal);

    const request = new HttpRequest({
      method,
      url: url.toString(),
      headers,
      params,
      ...(bodyBytes.length > 0 ? { body: { bytes: bodyBytes } } : {}),
    });
    const context = new InvocationContext({
      invocationId: randomUUID(),
      functionName: c.route.name,
      logHandler: log,
    });
    const init = await c.handle(request, context);
    // A body already in bytes or text (a snapshot's answer, a file) goes out as is; anything else
    // through the library's HttpResponse, which serializes `jsonBody` as the Functions host does.
    if (typeof init.body === 'string' || init.body instanceof Uint8Array) {
      const responseHeaders: Record<string, string> = {};
      new Headers(init.headers as HeadersInit).forEach(
        (value, key) => (responseHeaders[key] = value),
      );
      res.writeHead(init.status ?? 200, responseHeaders);
      res.end(init.body);
      return;
    }
    const response = new HttpResponse(init);
    const out = Buffer.from(await response.arrayBuffer());
    const responseHeaders: Record<string, string> = {};
    response.headers.forEach((value, key) => (responseHeaders[key] = value));
    res.writeHead(response.status, responseHeaders);
    res.end(out);
  }

  /**
   * As the Functions host's admin API: 202 and the timer runs; 404 for a name that is no timer.
   * JSON only, so a page in a browser cannot fire it with a simple cross-site form post.
   */
  async function runTimerNow(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    name: string,
    body: Buffer,
  ): Promise<void> {
    const reply = (status: number, body?: object) => {
      res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
      res.end(body ? JSON.stringify(body) : undefined);
    };
    if ((req.method ?? '').toUpperCase() !== 'POST')
      return reply(405, { error: 'Use POST para ejecutar una función.' });
    if (!/^application\/json\b/i.test(req.headers['content-type'] ?? ''))
      return reply(415, { error: 'Envíe Content-Type: application/json (p. ej. el cuerpo {}).' });
    const timer = options.timers?.find((t) => t.name === name);
    if (!timer) return reply(404, { error: `No hay una función de temporizador «${name}».` });
    const input = inputOf(body);
    reply(202);
    await runTimer(timer, log, input);
  }
}

/**
 * The admin API's `{"input": "…"}` (the Functions host's own field): for the dev host, the day a
 * timer runs as of (`sendReminders`, to try a past programme's reminders). Anything else: none.
 */
function inputOf(body: Buffer): string | undefined {
  try {
    const input = (JSON.parse(body.toString('utf8')) as { input?: unknown }).input;
    return typeof input === 'string' && input ? input : undefined;
  } catch {
    return undefined;
  }
}

/** A path segment decoded, or undefined when its percent-escapes are malformed (`%`, `%E0%A4%A`). */
function safeDecode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** 127.0.0.0/8 and ::1, also as IPv4-mapped IPv6 addresses. */
export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.replace(/^::ffff:/i, '');
  return v4.startsWith('127.') || address === '::1';
}

export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
