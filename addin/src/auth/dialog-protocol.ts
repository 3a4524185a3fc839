/**
 * What the pane and its sign-in dialog (`auth-dialog.html`, used where Office has no Nested App
 * Authentication) say to each other: the pane opens the dialog with the app registration's public
 * ids in the URL (the dialog is another page, and nothing secret is needed to sign in), and the
 * dialog answers through `messageParent` with the token or an error.
 */
import { z } from 'zod';
import type { AuthConfig } from '../../../shared/api/responses';

export type DialogAction = 'sign-in' | 'sign-out';

export const dialogAnswerSchema = z.union([
  z.object({
    accessToken: z.string(),
    expiresOn: z.number(),
    account: z.object({ name: z.string(), username: z.string() }),
  }),
  z.object({ signedOut: z.literal(true) }),
  z.object({ error: z.string() }),
]);
export type DialogAnswer = z.infer<typeof dialogAnswerSchema>;

export function dialogUrl(
  page: string,
  config: Extract<AuthConfig, { mode: 'entra' }>,
  action: DialogAction,
): string {
  const url = new URL(page);
  url.search = new URLSearchParams({
    action,
    clientId: config.clientId,
    authority: config.authority,
    scope: config.scope,
  }).toString();
  return url.href;
}

/** The dialog's own reading of its URL; undefined when it was opened without one. */
export function dialogRequest(
  search: string,
): { action: DialogAction; clientId: string; authority: string; scope: string } | undefined {
  const params = new URLSearchParams(search);
  const parsed = z
    .object({
      action: z.enum(['sign-in', 'sign-out']),
      clientId: z.string().min(1),
      authority: z.url(),
      scope: z.string().min(1),
    })
    .safeParse(Object.fromEntries(params));
  return parsed.success ? parsed.data : undefined;
}
