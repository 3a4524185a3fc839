/**
 * A local stand-in for Microsoft Graph's sendMail, for the mail transport's tests: an HTTP server
 * on 127.0.0.1 (a free port) that takes `POST /v1.0/users/{sender}/sendMail`, records every
 * request and answers `202 Accepted` with no body, as Graph does, unless the test's `respond`
 * hook answers otherwise (429 with Retry-After, a 500, a 400 with Graph's error body…).
 *
 * Like Graph it refuses a request without a bearer token (401), a body that is not JSON (400)
 * and an internet message header whose name does not start with `x-` (400
 * InvalidInternetMessageHeader).
 */

import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface StandInAnswer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a string. */
  body?: unknown;
}

export interface StandInRequest {
  /** 1 for the first sendMail request, 2 for the next… */
  count: number;
  sender: string;
  authorization: string;
  body: unknown;
  /** The status the stand-in answered. */
  status: number;
}

export interface GraphStandIn {
  /** The base URL, for `graphMailer({ graphUrl })`. */
  url: string;
  /** The requests answered 202: the messages Graph would have sent. */
  sent: { sender: string; authorization: string; body: unknown }[];
  /** Every sendMail request, whatever the answer. */
  requests: StandInRequest[];
  /** Sets how the next requests are answered; undefined from the hook: the usual 202. */
  respond(next: (request: { count: number }) => StandInAnswer | undefined): void;
  stop(): Promise<void>;
}

const SEND_MAIL = /^\/v1\.0\/users\/([^/]+)\/sendMail$/;

export async function startGraphStandIn(): Promise<GraphStandIn> {
  const sent: GraphStandIn['sent'] = [];
  const requests: StandInRequest[] = [];
  let hook: (request: { count: number }) => StandInAnswer | undefined = () => undefined;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const answer = (a: StandInAnswer): void => {
        const body =
          a.body === undefined ? '' : typeof a.body === 'string' ? a.body : JSON.stringify(a.body);
        res.writeHead(a.status, {
          ...(body && typeof a.body !== 'string' && { 'Content-Type': 'application/json' }),
          ...a.headers,
        });
        res.end(body);
      };
      const url = new URL(req.url ?? '/', 'http://stand-in');
      const match = SEND_MAIL.exec(url.pathname);
      if (!match?.[1]) {
        answer(graphError(404, 'Request_UnsupportedQuery', `No route for ${url.pathname}.`));
        return;
      }
      if (req.method !== 'POST') {
        answer(graphError(405, 'Request_BadRequest', 'Use POST.'));
        return;
      }
      const sender = decodeURIComponent(match[1]);
      const authorization = req.headers.authorization ?? '';
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
      const count = requests.length + 1;
      const chosen = hook({ count }) ?? validate(authorization, body) ?? { status: 202 };
      requests.push({ count, sender, authorization, body, status: chosen.status });
      if (chosen.status === 202) sent.push({ sender, authorization, body });
      answer(chosen);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    sent,
    requests,
    respond(next) {
      hook = next;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

/** What Graph itself would refuse before looking at the message. */
function validate(authorization: string, body: unknown): StandInAnswer | undefined {
  if (!/^Bearer \S+$/.test(authorization)) {
    return graphError(401, 'InvalidAuthenticationToken', 'Access token is empty.');
  }
  const message = (body as { message?: { internetMessageHeaders?: unknown } } | null)?.message;
  if (typeof body !== 'object' || body === null || typeof message !== 'object') {
    return graphError(400, 'ErrorInvalidRequest', 'The request body is not a sendMail request.');
  }
  const headers = message.internetMessageHeaders;
  for (const header of Array.isArray(headers) ? headers : []) {
    const name = String((header as { name?: unknown }).name ?? '');
    if (!/^x-/i.test(name)) {
      return graphError(
        400,
        'InvalidInternetMessageHeader',
        `The internet message header name '${name}' should start with 'x-' or 'X-'.`,
      );
    }
  }
  return undefined;
}

export function graphError(status: number, code: string, message: string): StandInAnswer {
  return { status, body: { error: { code, message } } };
}
