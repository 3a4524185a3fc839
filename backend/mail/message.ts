/**
 * The mail transport for reminders (issue 21): one message to one person, and the ways to send
 * it (Microsoft Graph in Azure, a folder of .eml files on a workstation). Who gets what, and
 * what the message says, is decided above this layer.
 */

export interface MailAddress {
  name: string;
  email: string;
}

export interface MailMessage {
  to: MailAddress;
  subject: string;
  /** Plain text body. */
  text: string;
  /** Accessible HTML body (lang="es", a <title>, real headings/lists/links). */
  html: string;
  /** The opt-out link: sent as `List-Unsubscribe: <url>` where the transport can set headers. */
  unsubscribeUrl?: string;
}

export interface Mailer {
  /** Sends one message; resolves when accepted. Throws MailError (with `retryable`) when not. */
  send(message: MailMessage): Promise<void>;
  /** For logs: «Microsoft Graph (buzón x@y)», «carpeta .outbox». */
  readonly describe: string;
}

/**
 * A message that was not accepted. `retryable`: the same message may go through later (throttled,
 * the service or the folder unavailable); otherwise it never will as it is (a rejected recipient,
 * a missing permission) and retrying only repeats the error.
 */
export class MailError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MailError';
  }
}

/**
 * The opt-out link as a header value, `<url>` (RFC 2369). The URL is parsed and written back in
 * its serialized form, so nothing in it can end the header line or the angle brackets.
 */
export function unsubscribeHeaderValue(url: string): string {
  let href: string;
  try {
    href = new URL(url).href;
  } catch (error) {
    // The link itself stays out of the message: it may carry the person's opt-out token.
    throw new MailError('El enlace para dejar de recibir avisos no es una URL válida.', false, {
      cause: error,
    });
  }
  return `<${href}>`;
}
