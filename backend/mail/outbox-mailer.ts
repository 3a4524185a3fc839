/**
 * "Sends" into a folder: one RFC 5322 message per file (`.eml`, opened by Outlook, Thunderbird or
 * any mail client), for a workstation without a mailbox and for looking at what would go out.
 * The message is built by nodemailer's MailComposer: multipart/alternative with the plain text
 * first and the HTML last (the richest last, RFC 2046 §5.1.4), UTF-8, headers encoded where
 * they are not ASCII, CRLF line ends.
 */

import { randomBytes } from 'node:crypto';
import { type FileHandle, mkdir, open, unlink } from 'node:fs/promises';
import path from 'node:path';
import MailComposer from 'nodemailer/lib/mail-composer';
import { MailError, type Mailer, type MailMessage, unsubscribeHeaderValue } from './message';

export interface OutboxMailerOptions {
  /** The From header. Default «PAT Cronograma <pat-cronograma@localhost>». */
  from?: string;
}

export const OUTBOX_FROM = 'PAT Cronograma <pat-cronograma@localhost>';

/** Tries at another random name when one is taken (never overwriting a file). */
const NAME_ATTEMPTS = 5;

export function outboxMailer(
  dir: string,
  clock: () => Date = () => new Date(),
  options: OutboxMailerOptions = {},
): Mailer {
  const from = options.from ?? OUTBOX_FROM;
  const folder = path.resolve(dir);

  async function send(message: MailMessage): Promise<void> {
    const now = clock();
    const bytes = await compose(message, from, now);
    try {
      await mkdir(folder, { recursive: true });
    } catch (error) {
      throw writeError(folder, error);
    }
    for (let attempt = 1; attempt <= NAME_ATTEMPTS; attempt++) {
      const file = path.join(folder, emlName(message.to.email, now));
      let handle: FileHandle;
      try {
        // wx: create, and fail if the name exists; two sends in the same second never share a file.
        handle = await open(file, 'wx');
      } catch (error) {
        if (errorCode(error) === 'EEXIST' && attempt < NAME_ATTEMPTS) continue;
        throw writeError(folder, error);
      }
      try {
        await handle.writeFile(bytes);
        await handle.close();
      } catch (error) {
        // No half message left behind to be taken for a whole one.
        await handle.close().catch(() => undefined);
        await unlink(file).catch(() => undefined);
        throw writeError(folder, error);
      }
      return;
    }
  }

  return { send, describe: `carpeta ${dir}` };
}

async function compose(message: MailMessage, from: string, date: Date): Promise<Buffer> {
  try {
    const composer = new MailComposer({
      from,
      to: { name: message.to.name, address: message.to.email },
      subject: message.subject,
      date,
      text: message.text,
      html: message.html,
      ...(message.unsubscribeUrl !== undefined && {
        headers: {
          // Already the safe `<url>` form: written as it is.
          'List-Unsubscribe': {
            prepared: true,
            value: unsubscribeHeaderValue(message.unsubscribeUrl),
          },
        },
      }),
      newline: 'win',
      // The bodies are strings: nothing is ever read from a path or a URL.
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return await composer.compile().build();
  } catch (error) {
    if (error instanceof MailError) throw error;
    throw new MailError(
      `No se pudo componer el mensaje para ${message.to.email}: ${error instanceof Error ? error.message : String(error)}`,
      false,
      { cause: error },
    );
  }
}

/** `{yyyymmdd-hhmmss}-{recipient slug}-{random}.eml`, the time in UTC (it sorts as it was sent). */
export function emlName(email: string, at: Date): string {
  const iso = at.toISOString(); // 2025-03-04T05:06:07.000Z
  const stamp = `${iso.slice(0, 10).replace(/-/g, '')}-${iso.slice(11, 19).replace(/:/g, '')}`;
  return `${stamp}-${slug(email)}-${randomBytes(4).toString('hex')}.eml`;
}

function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  return s || 'destinatario';
}

function writeError(folder: string, error: unknown): MailError {
  const code = errorCode(error);
  return new MailError(
    `No se pudo escribir el mensaje en la carpeta ${folder}${code ? ` (${code})` : ''}.`,
    true,
    { cause: error },
  );
}

function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
