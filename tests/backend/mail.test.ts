import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { type AddressObject, simpleParser } from 'mailparser';
import { graphMailer, type GraphMailerOptions } from '../../backend/mail/graph-mailer';
import { MailError, type MailMessage } from '../../backend/mail/message';
import { outboxMailer } from '../../backend/mail/outbox-mailer';
import { tempDir } from '../helpers/files';
import { type GraphStandIn, graphError, startGraphStandIn } from '../helpers/graph-stand-in';

const SENDER = 'avisos-pat@iecm.mx';
const TOKEN = 'eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.secreto.firma';

const MESSAGE: MailMessage = {
  to: { name: 'Ana López Núñez', email: 'ana.lopez@iecm.mx' },
  subject: 'Recordatorio: meses por actualizar',
  text: 'Hola, Ana:\n\nFaltan por actualizar: marzo y abril de «Capacitación electoral».\n',
  html:
    '<!doctype html><html lang="es"><head><meta charset="utf-8"><title>Recordatorio: meses por actualizar</title></head>' +
    '<body><h1>Meses por actualizar</h1><ul><li>Marzo</li><li>Abril</li></ul>' +
    '<p><a href="https://pat.iecm.mx/baja?t=abc">Dejar de recibir estos avisos</a></p></body></html>',
  unsubscribeUrl: 'https://pat.iecm.mx/baja?t=abc',
};

/** A sleep that records what it was asked to wait and returns at once. */
function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: async (ms) => void waits.push(ms) };
}

async function rejection(promise: Promise<unknown>): Promise<MailError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MailError);
    return error as MailError;
  }
  throw new Error('the promise resolved');
}

describe('graphMailer against a Microsoft Graph stand-in', () => {
  let graph: GraphStandIn;
  beforeEach(async () => {
    graph = await startGraphStandIn();
  });
  afterEach(async () => {
    await graph.stop();
  });

  function mailer(options: Partial<GraphMailerOptions> = {}) {
    return graphMailer({
      graphUrl: graph.url,
      sender: SENDER,
      token: async () => TOKEN,
      ...options,
    });
  }

  test('sends sendMail JSON for the recipient, with the bearer and the opt-out header', async () => {
    const { sleep, waits } = recordingSleep();
    const m = mailer({ sleep });
    expect(m.describe).toBe(`Microsoft Graph (buzón ${SENDER})`);
    await m.send(MESSAGE);

    expect(graph.sent).toHaveLength(1);
    expect(graph.sent[0]).toEqual({
      sender: SENDER,
      authorization: `Bearer ${TOKEN}`,
      body: {
        message: {
          subject: 'Recordatorio: meses por actualizar',
          body: { contentType: 'HTML', content: MESSAGE.html },
          toRecipients: [
            { emailAddress: { address: 'ana.lopez@iecm.mx', name: 'Ana López Núñez' } },
          ],
          internetMessageHeaders: [
            { name: 'X-PAT-Opt-Out', value: '<https://pat.iecm.mx/baja?t=abc>' },
          ],
        },
        saveToSentItems: true,
      },
    });
    expect(waits).toEqual([]);
  });

  test('a message without an opt-out link has no internet message headers', async () => {
    await mailer().send({ ...MESSAGE, unsubscribeUrl: undefined });
    const body = graph.sent[0]?.body as { message: Record<string, unknown> };
    expect(body.message).not.toHaveProperty('internetMessageHeaders');
  });

  test('the sender is one path segment however it is written', async () => {
    await mailer({ sender: 'Avisos PAT/CVOE@iecm.mx' }).send(MESSAGE);
    expect(graph.sent[0]?.sender).toBe('Avisos PAT/CVOE@iecm.mx');
  });

  test('429 with Retry-After: 2 waits 2000 ms and sends once, after the retry', async () => {
    graph.respond(({ count }) =>
      count === 1 ? { status: 429, headers: { 'Retry-After': '2' } } : undefined,
    );
    const { sleep, waits } = recordingSleep();
    await mailer({ sleep }).send(MESSAGE);
    expect(waits).toEqual([2000]);
    expect(graph.requests.map((r) => r.status)).toEqual([429, 202]);
    expect(graph.sent).toHaveLength(1);
  });

  test('503 with Retry-After is waited for too', async () => {
    graph.respond(({ count }) =>
      count === 1 ? { status: 503, headers: { 'Retry-After': '5' } } : undefined,
    );
    const { sleep, waits } = recordingSleep();
    await mailer({ sleep }).send(MESSAGE);
    expect(waits).toEqual([5000]);
    expect(graph.sent).toHaveLength(1);
  });

  test('a Retry-After past maxWaitMs throws retryable without waiting', async () => {
    graph.respond(() => ({ status: 429, headers: { 'Retry-After': '120' } }));
    const { sleep, waits } = recordingSleep();
    const error = await rejection(mailer({ sleep, maxWaitMs: 60_000 }).send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('120 s');
    expect(waits).toEqual([]);
    expect(graph.requests).toHaveLength(1);
    expect(graph.sent).toHaveLength(0);
  });

  test('throttled on every attempt: maxAttempts requests, then retryable', async () => {
    graph.respond(() => ({ status: 429, headers: { 'Retry-After': '1' } }));
    const { sleep, waits } = recordingSleep();
    const error = await rejection(mailer({ sleep, maxAttempts: 3 }).send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('3 intentos');
    expect(graph.requests).toHaveLength(3);
    expect(waits).toEqual([1000, 1000]);
  });

  test('500 twice then 202 sends once, after two short backoffs', async () => {
    graph.respond(({ count }) =>
      count <= 2 ? graphError(500, 'InternalServerError', 'Boom') : undefined,
    );
    const { sleep, waits } = recordingSleep();
    await mailer({ sleep }).send(MESSAGE);
    expect(graph.requests.map((r) => r.status)).toEqual([500, 500, 202]);
    expect(graph.sent).toHaveLength(1);
    expect(waits).toHaveLength(2);
    for (const w of waits) expect(w).toBeLessThanOrEqual(5000);
  });

  test('5xx on every attempt: retryable after maxAttempts (default 4)', async () => {
    graph.respond(() => ({ status: 502 }));
    const { sleep } = recordingSleep();
    const error = await rejection(mailer({ sleep }).send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('HTTP 502');
    expect(graph.requests).toHaveLength(4);
  });

  test('400 throws non-retryable with Graph’s message, and no token', async () => {
    graph.respond(() =>
      graphError(400, 'ErrorInvalidRecipients', 'At least one recipient is not valid.'),
    );
    const { sleep, waits } = recordingSleep();
    const error = await rejection(mailer({ sleep }).send(MESSAGE));
    expect(error.retryable).toBe(false);
    expect(error.message).toBe(
      'Microsoft Graph rechazó el mensaje para ana.lopez@iecm.mx: ' +
        'At least one recipient is not valid. (ErrorInvalidRecipients)',
    );
    expect(error.message).not.toContain(TOKEN);
    expect(graph.requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  test('403 names the missing permission', async () => {
    graph.respond(() => graphError(403, 'ErrorAccessDenied', 'Access is denied.'));
    const error = await rejection(mailer().send(MESSAGE));
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('Access is denied.');
    expect(error.message).toContain('Mail.Send');
  });

  test('a refused connection is retried, then retryable', async () => {
    const url = graph.url;
    await graph.stop();
    const { sleep, waits } = recordingSleep();
    const m = graphMailer({ graphUrl: url, sender: SENDER, token: async () => TOKEN, sleep });
    const error = await rejection(m.send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain('no se pudo conectar');
    expect(error.message).not.toContain(TOKEN);
    expect(waits).toHaveLength(3);
    graph = await startGraphStandIn(); // for afterEach
  });

  test('a token that cannot be had is retryable and nothing is sent', async () => {
    const m = mailer({
      token: async () => {
        throw new Error('AADSTS7000215: Invalid client secret provided.');
      },
    });
    const error = await rejection(m.send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(graph.requests).toHaveLength(0);
  });

  test('an opt-out link that is not a URL is refused before any request', async () => {
    const error = await rejection(mailer().send({ ...MESSAGE, unsubscribeUrl: 'baja por favor' }));
    expect(error.retryable).toBe(false);
    expect(graph.requests).toHaveLength(0);
  });
});

describe('outboxMailer', () => {
  const tmp = tempDir('pat-outbox-');
  afterAll(() => tmp.cleanup());
  const at = new Date('2025-03-04T17:05:09Z');

  test('writes one .eml per message that a mail parser reads back whole', async () => {
    const dir = tmp.path('uno/.outbox');
    const m = outboxMailer(dir, () => at);
    expect(m.describe).toBe(`carpeta ${dir}`);
    await m.send(MESSAGE);

    const files = readdirSync(dir);
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^20250304-170509-ana-lopez-iecm-mx-[0-9a-f]{8}\.eml$/);

    const raw = readFileSync(`${dir}/${files[0]}`);
    const parsed = await simpleParser(raw);
    const to = parsed.to as AddressObject;
    expect(to.value).toEqual([{ address: 'ana.lopez@iecm.mx', name: 'Ana López Núñez' }]);
    expect((parsed.from as AddressObject).value).toEqual([
      { address: 'pat-cronograma@localhost', name: 'PAT Cronograma' },
    ]);
    expect(parsed.subject).toBe('Recordatorio: meses por actualizar');
    expect(parsed.date?.toISOString()).toBe(at.toISOString());
    expect(parsed.messageId).toMatch(/^<.+@.+>$/);
    expect(parsed.text?.trim()).toBe(MESSAGE.text.trim());
    expect(parsed.html).toBe(MESSAGE.html);

    expect(parsed.headers.get('list')).toEqual({
      unsubscribe: { url: 'https://pat.iecm.mx/baja?t=abc' },
    });
    const head = raw.toString('utf8').split('\r\n\r\n')[0] ?? '';
    expect(head).toMatch(/^List-Unsubscribe: <https:\/\/pat\.iecm\.mx\/baja\?t=abc>$/m);
    expect(head).toMatch(/^Content-Type: multipart\/alternative;/m);
    // Plain text first, HTML last.
    const body = raw.toString('utf8');
    expect(body.indexOf('Content-Type: text/plain; charset=utf-8')).toBeGreaterThan(0);
    expect(body.indexOf('Content-Type: text/plain')).toBeLessThan(
      body.indexOf('Content-Type: text/html'),
    );
    // Headers are ASCII: the accented name is encoded.
    expect(/^[\x20-\x7e\t]*$/.test(head.replace(/\r\n/g, ''))).toBe(true);
  });

  test('an accented subject is encoded and read back', async () => {
    const dir = tmp.path('acentos');
    await outboxMailer(dir, () => at).send({
      ...MESSAGE,
      subject: 'Recordatorio: Capacitación y Educación Cívica — 2 meses',
    });
    const [file] = readdirSync(dir);
    const raw = readFileSync(`${dir}/${file}`);
    expect(raw.toString('latin1')).toMatch(/^Subject: =\?UTF-8\?/m);
    const parsed = await simpleParser(raw);
    expect(parsed.subject).toBe('Recordatorio: Capacitación y Educación Cívica — 2 meses');
  });

  test('the From can be given; no List-Unsubscribe without a link', async () => {
    const dir = tmp.path('from');
    await outboxMailer(dir, () => at, { from: 'Avisos PAT <avisos-pat@iecm.mx>' }).send({
      ...MESSAGE,
      unsubscribeUrl: undefined,
    });
    const [file] = readdirSync(dir);
    const parsed = await simpleParser(readFileSync(`${dir}/${file}`));
    expect((parsed.from as AddressObject).value).toEqual([
      { address: 'avisos-pat@iecm.mx', name: 'Avisos PAT' },
    ]);
    expect(parsed.headers.has('list')).toBe(false);
    expect(parsed.headerLines.some((h) => h.key === 'list-unsubscribe')).toBe(false);
  });

  test('messages sent at once, same second and recipient, never overwrite each other', async () => {
    const dir = tmp.path('juntos');
    const m = outboxMailer(dir, () => at);
    const subjects = Array.from({ length: 12 }, (_, i) => `Recordatorio ${i + 1}`);
    await Promise.all(subjects.map((subject) => m.send({ ...MESSAGE, subject })));
    const files = readdirSync(dir);
    expect(files).toHaveLength(subjects.length);
    const read = await Promise.all(
      files.map(async (f) => (await simpleParser(readFileSync(`${dir}/${f}`))).subject),
    );
    expect(read.sort()).toEqual([...subjects].sort());
  });

  test('a folder that cannot be written is a retryable error naming the folder', async () => {
    const blocker = tmp.path('no-es-carpeta');
    writeFileSync(blocker, 'un archivo');
    const error = await rejection(outboxMailer(`${blocker}/.outbox`, () => at).send(MESSAGE));
    expect(error.retryable).toBe(true);
    expect(error.message).toContain(`carpeta ${blocker}/.outbox`);
  });
});
