/**
 * Sends through Microsoft Graph: `POST /v1.0/users/{sender}/sendMail`, as the mailbox `sender`
 * (the app needs the Mail.Send application permission, best limited to that mailbox).
 * https://learn.microsoft.com/en-us/graph/api/user-sendmail?view=graph-rest-1.0
 *
 * - The JSON form carries one body: the HTML one (contentType HTML). The plain text part is not
 *   sent; Outlook and Exchange derive their own text rendering from the HTML.
 * - Success is `202 Accepted` with no body: Exchange took the message, delivery comes later.
 * - Throttling (429, and 503 when busy) comes with `Retry-After` in seconds: waited (up to
 *   `maxWaitMs`) and retried, up to `maxAttempts` requests in all; a longer wait is left to the
 *   caller's next run (a retryable MailError). Other 5xx and network failures: a short backoff
 *   and the same attempt budget. Any other 4xx is final.
 * - The bearer token is requested for every attempt (the provider caches and renews it) and
 *   appears in no message, log or error.
 */

import { setTimeout as delay } from 'node:timers/promises';
import { MailError, type Mailer, type MailMessage, unsubscribeHeaderValue } from './message';

export interface GraphMailerOptions {
  /** Default https://graph.microsoft.com (a national cloud or a test stand-in otherwise). */
  graphUrl?: string;
  /** The sending mailbox: its UPN or object id. */
  sender: string;
  /** A bearer token for the scope https://graph.microsoft.com/.default. */
  token: () => Promise<string>;
  fetch?: typeof fetch;
  /** Requests per message, the first included. Default 4. */
  maxAttempts?: number;
  /** The longest Retry-After waited for here; a longer one ends the attempt. Default 60 s. */
  maxWaitMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

export const DEFAULT_GRAPH_URL = 'https://graph.microsoft.com';
/** Each request's limit: Graph answers sendMail in well under a second when it answers. */
const REQUEST_TIMEOUT_MS = 30_000;
/** Backoff after a 5xx or a network failure without Retry-After: 1 s, 2 s, 4 s… */
const BACKOFF_BASE_MS = 1_000;

/**
 * Graph's JSON message, as documented for sendMail. `internetMessageHeaders` accepts only names
 * starting with `x-`/`X-`: anything else, `List-Unsubscribe` included, is refused with
 * 400 InvalidInternetMessageHeader («The internet message header name 'List-Unsubscribe' should
 * start with 'x-' or 'X-'», microsoftgraph/msgraph-sdk-dotnet#2105). The opt-out link therefore
 * travels as `X-PAT-Opt-Out: <url>`, beside the link in the body itself, which is what the
 * recipient actually uses; a real List-Unsubscribe needs the MIME form of sendMail.
 */
export interface GraphSendMailBody {
  message: {
    subject: string;
    body: { contentType: 'HTML'; content: string };
    toRecipients: { emailAddress: { address: string; name: string } }[];
    internetMessageHeaders?: { name: string; value: string }[];
  };
  saveToSentItems: boolean;
}

export const OPT_OUT_HEADER = 'X-PAT-Opt-Out';

export function graphSendMailBody(message: MailMessage): GraphSendMailBody {
  return {
    message: {
      subject: message.subject,
      body: { contentType: 'HTML', content: message.html },
      toRecipients: [{ emailAddress: { address: message.to.email, name: message.to.name } }],
      ...(message.unsubscribeUrl !== undefined && {
        internetMessageHeaders: [
          { name: OPT_OUT_HEADER, value: unsubscribeHeaderValue(message.unsubscribeUrl) },
        ],
      }),
    },
    saveToSentItems: true,
  };
}

export function graphMailer(options: GraphMailerOptions): Mailer {
  const base = (options.graphUrl ?? DEFAULT_GRAPH_URL).replace(/\/+$/, '');
  const endpoint = `${base}/v1.0/users/${encodeURIComponent(options.sender)}/sendMail`;
  const fetchFn = options.fetch ?? fetch;
  const maxAttempts = Math.max(1, options.maxAttempts ?? 4);
  const maxWaitMs = options.maxWaitMs ?? 60_000;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const mailbox = `buzón ${options.sender}`;

  async function send(message: MailMessage): Promise<void> {
    const recipient = message.to.email;
    // Before any request: a message that cannot be written is refused here, not retried.
    const payload = JSON.stringify(graphSendMailBody(message));
    /** Why the last attempt failed, for the error when none is left. */
    let failure = '';
    let cause: unknown;
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      const last = attempt === maxAttempts;
      let token: string;
      try {
        token = await options.token();
      } catch (error) {
        throw new MailError(
          `No se obtuvo el token de acceso a Microsoft Graph para el ${mailbox}.`,
          true,
          { cause: error },
        );
      }
      let response: Response;
      try {
        response = await fetchFn(endpoint, {
          method: 'POST',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body: payload,
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
      } catch (error) {
        failure = isTimeout(error)
          ? `Microsoft Graph no respondió en ${REQUEST_TIMEOUT_MS / 1000} s`
          : `no se pudo conectar con Microsoft Graph (${errorText(error)})`;
        cause = error;
        if (!last) await sleep(backoff(attempt, maxWaitMs));
        continue;
      }

      if (response.ok) {
        // 202 Accepted, no body.
        await discard(response);
        return;
      }

      const status = response.status;
      if (status === 429 || status === 503) {
        const wait = retryAfterMs(response.headers.get('retry-after'));
        await discard(response);
        if (wait !== undefined && wait > maxWaitMs) {
          throw new MailError(
            `Microsoft Graph pide esperar ${Math.ceil(wait / 1000)} s antes de enviar más ` +
              `mensajes desde el ${mailbox}; el mensaje para ${recipient} queda para el siguiente intento.`,
            true,
          );
        }
        failure =
          status === 429
            ? 'Microsoft Graph limitó los envíos (HTTP 429)'
            : 'Microsoft Graph no está disponible (HTTP 503)';
        cause = undefined;
        if (!last) await sleep(wait ?? backoff(attempt, maxWaitMs));
        continue;
      }

      if (status >= 500) {
        await discard(response);
        failure = `Microsoft Graph falló (HTTP ${status})`;
        cause = undefined;
        if (!last) await sleep(backoff(attempt, maxWaitMs));
        continue;
      }

      // Any other 4xx: the same request will be refused again.
      const detail = await graphErrorText(response);
      throw new MailError(
        `Microsoft Graph rechazó el mensaje para ${recipient}: ${detail}${hint(status)}`,
        false,
      );
    }
    throw new MailError(
      `No se envió el mensaje para ${recipient} desde el ${mailbox} tras ${maxAttempts} ` +
        `intento${maxAttempts === 1 ? '' : 's'}: ${failure}.`,
      true,
      cause === undefined ? undefined : { cause },
    );
  }

  return { send, describe: `Microsoft Graph (${mailbox})` };
}

/**
 * `Retry-After` as milliseconds: delay-seconds or an HTTP date (RFC 9110 §10.2.3); undefined when
 * absent or unreadable.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoff(attempt: number, maxWaitMs: number): number {
  return Math.min(BACKOFF_BASE_MS * 2 ** (attempt - 1), maxWaitMs);
}

/** Graph's `{ error: { code, message } }`, read defensively; the status when there is none. */
async function graphErrorText(response: Response): Promise<string> {
  let text = '';
  try {
    text = await response.text();
  } catch {
    // The body could not be read: the status says enough.
  }
  try {
    const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
    const message = typeof body.error?.message === 'string' ? body.error.message.trim() : '';
    const code = typeof body.error?.code === 'string' ? body.error.code : '';
    if (message) return clip(code ? `${message} (${code})` : message);
    if (code) return clip(code);
  } catch {
    // Not JSON.
  }
  return `HTTP ${response.status}`;
}

function hint(status: number): string {
  if (status === 401) return ' (el token no fue aceptado: revise la identidad de la aplicación).';
  if (status === 403)
    return ' (revise que la aplicación tenga el permiso Mail.Send sobre el buzón remitente).';
  return '';
}

function clip(text: string, max = 500): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

async function discard(response: Response): Promise<void> {
  try {
    await response.body?.cancel();
  } catch {
    // Nothing to free.
  }
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

/** A network error's own words (undici puts the useful part in `cause`). */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const inner = error.cause instanceof Error ? error.cause.message : '';
  return inner ? `${error.message}: ${inner}` : error.message;
}
