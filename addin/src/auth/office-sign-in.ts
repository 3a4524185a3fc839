/**
 * Signing in inside Office, the way Microsoft's NAA samples do: where Office supports Nested App
 * Authentication (`NestedAppAuth` 1.1), MSAL's nestable client asks the Office host for tokens —
 * silently first, with the Office account as login hint, and a popup only when the person must
 * act. Elsewhere, MSAL runs in an Office dialog (`auth-dialog.html`) that hands the token back
 * with `messageParent`. This and `excel-gateway.ts` are the only modules that name `Office`;
 * this is the only one that names MSAL (with the dialog's own page, `dialog-page.ts`). The pane
 * loads it on demand (`index.tsx`), only where the server asks for Entra sign-in, so MSAL is a
 * chunk of its own that «modo local» never downloads.
 */
import {
  IPublicClientApplication,
  InteractionRequiredAuthError,
  createNestablePublicClientApplication,
} from '@azure/msal-browser';
import type { AuthConfig } from '../../../shared/api/responses';
import { OfflineError } from '../api-client';
import { MESSAGES } from '../messages';
import { Authenticator } from './session';
import { grantOf } from './grant';
import { DialogAnswer, dialogAnswerSchema, dialogUrl } from './dialog-protocol';

type EntraConfig = Extract<AuthConfig, { mode: 'entra' }>;

/** The way this Office can sign in. */
export async function officeAuthenticator(config: EntraConfig): Promise<Authenticator> {
  return Office.context.requirements.isSetSupported('NestedAppAuth', '1.1')
    ? nestedAppAuthenticator(config)
    : dialogAuthenticator(config);
}

async function loginHint(): Promise<string | undefined> {
  try {
    return (await Office.auth.getAuthContext()).userPrincipalName || undefined;
  } catch {
    // Not every Office gives an auth context: MSAL then finds the account itself.
    return undefined;
  }
}

async function nestedAppAuthenticator(config: EntraConfig): Promise<Authenticator> {
  const pca: IPublicClientApplication = await createNestablePublicClientApplication({
    auth: { clientId: config.clientId, authority: config.authority },
  });
  const scopes = [config.scope];
  return {
    async silent({ renew }) {
      try {
        const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
        const result = account
          ? await pca.acquireTokenSilent({ scopes, account, forceRefresh: renew })
          : await pca.ssoSilent({ scopes, loginHint: await loginHint() });
        pca.setActiveAccount(result.account);
        return grantOf(result);
      } catch (error) {
        // Only an interaction can help: the pane offers «Iniciar sesión». Anything else is not
        // the person's to fix (the network, Entra busy): the changes wait, as when offline.
        if (error instanceof InteractionRequiredAuthError) return undefined;
        throw new OfflineError(MESSAGES.microsoftUnreachable);
      }
    },
    async interactive() {
      const result = await pca.acquireTokenPopup({ scopes, loginHint: await loginHint() });
      pca.setActiveAccount(result.account);
      return grantOf(result);
    },
    async signOut() {
      await pca.clearCache();
    },
  };
}

/** Office's code when the person closes a dialog. */
const DIALOG_CLOSED = 12006;

function dialogAuthenticator(config: EntraConfig): Authenticator {
  const open = (action: 'sign-in' | 'sign-out') =>
    new Promise<DialogAnswer>((resolve, reject) => {
      const url = dialogUrl(new URL('auth-dialog.html', window.location.href).href, config, action);
      Office.context.ui.displayDialogAsync(url, { height: 60, width: 30 }, (opened) => {
        if (opened.status !== Office.AsyncResultStatus.Succeeded) {
          reject(new Error(`dialog ${opened.error.code}`));
          return;
        }
        const dialog = opened.value;
        dialog.addEventHandler(Office.EventType.DialogMessageReceived, (arg) => {
          dialog.close();
          const parsed = dialogAnswerSchema.safeParse(
            JSON.parse('message' in arg ? arg.message : 'null'),
          );
          if (!parsed.success) reject(new Error('respuesta del diálogo no válida'));
          else if ('error' in parsed.data) reject(new Error(parsed.data.error));
          else resolve(parsed.data);
        });
        dialog.addEventHandler(Office.EventType.DialogEventReceived, (arg) => {
          if ('error' in arg && arg.error === DIALOG_CLOSED)
            reject(Object.assign(new Error('cerrado'), { errorCode: 'user_cancelled' }));
        });
      });
    });
  return {
    // A dialog cannot open unasked: without a token in memory, the person signs in again.
    silent: async () => undefined,
    async interactive() {
      const answer = await open('sign-in');
      if (!('accessToken' in answer)) throw new Error('sin token');
      return answer;
    },
    async signOut() {
      await open('sign-out');
    },
  };
}
