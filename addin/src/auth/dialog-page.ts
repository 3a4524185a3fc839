/**
 * The sign-in dialog, for Office without Nested App Authentication: MSAL's standard client signs
 * in with a redirect inside the dialog (popups are not allowed there) and hands the access token
 * to the pane with `messageParent`. The pane's request (the app registration's public ids) is
 * kept in the dialog's session storage across the redirect; tokens stay in this page's MSAL cache.
 */
import {
  IPublicClientApplication,
  createStandardPublicClientApplication,
} from '@azure/msal-browser';
import { DialogAnswer, dialogRequest } from './dialog-protocol';
import { grantOf } from './grant';
import { MESSAGES } from '../messages';

const REQUEST_KEY = 'pat.dialog-request';

function reply(answer: DialogAnswer): void {
  Office.context.ui.messageParent(JSON.stringify(answer));
}

async function signIn(pca: IPublicClientApplication, scopes: string[], redirectUri: string) {
  const back = await pca.handleRedirectPromise();
  if (back) return reply(grantOf(back));
  const account = pca.getActiveAccount() ?? pca.getAllAccounts()[0];
  if (account) {
    try {
      return reply(grantOf(await pca.acquireTokenSilent({ scopes, account })));
    } catch {
      // The cached session is over: sign in again below.
    }
  }
  await pca.acquireTokenRedirect({ scopes, redirectUri, prompt: 'select_account' });
}

async function main(): Promise<void> {
  await Office.onReady();
  const fromUrl = dialogRequest(window.location.search);
  if (fromUrl) sessionStorage.setItem(REQUEST_KEY, JSON.stringify(fromUrl));
  const stored = sessionStorage.getItem(REQUEST_KEY);
  const request =
    fromUrl ??
    (stored ? dialogRequest(new URLSearchParams(JSON.parse(stored)).toString()) : undefined);
  if (!request) return reply({ error: MESSAGES.dialogWithoutRequest });
  const redirectUri = `${window.location.origin}${window.location.pathname}`;
  const pca = await createStandardPublicClientApplication({
    auth: { clientId: request.clientId, authority: request.authority, redirectUri },
    cache: { cacheLocation: 'localStorage' },
  });
  if (request.action === 'sign-out') {
    if (new URLSearchParams(window.location.search).has('cerrada')) {
      sessionStorage.removeItem(REQUEST_KEY);
      return reply({ signedOut: true });
    }
    await pca.logoutRedirect({ postLogoutRedirectUri: `${redirectUri}?cerrada=1` });
    return;
  }
  await signIn(pca, [request.scope], redirectUri);
}

main().catch((error: unknown) =>
  reply({ error: MESSAGES.dialogFailed((error as { errorCode?: string }).errorCode ?? 'error') }),
);
