import type { AuthenticationResult } from '@azure/msal-browser';
import type { Grant } from './session';

/** What the pane keeps of MSAL's answer: the access token, when it ends, and whose it is. */
export function grantOf(result: AuthenticationResult): Grant {
  return {
    accessToken: result.accessToken,
    expiresOn: result.expiresOn?.getTime() ?? Date.now() + 60 * 60_000,
    account: {
      name: result.account.name || result.account.username,
      username: result.account.username,
    },
  };
}
