import { API, meQuery } from '../../../shared/api';
import { API_SCOPE } from '../tokens';
import { Deps } from '../deps';
import { query } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';

/** Who is signed in, and their roles (over `?programId=` when given): the dashboard shows write controls by them. */
export const getMe =
  ({ access }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = query(request, meQuery);
    return answer(API.me, {
      name: principal.name,
      roles: await access.rolesOver(principal, programId),
    });
  };

/** How the pane and the dashboard sign in: nothing to do locally («modo local» when the dev host signs requests in), Entra's details in Azure. */
export const getAuthConfig =
  ({ signIn, appServiceAuth, localIdentity }: Deps): RouteHandler =>
  async () =>
    answer(
      API.authConfig,
      signIn
        ? {
            mode: 'entra',
            clientId: signIn.clientId,
            tenantId: signIn.tenantId,
            authority: signIn.authority,
            scope: `${signIn.appIdUri ?? `api://${signIn.clientId}`}/${API_SCOPE}`,
            ...(appServiceAuth ? { appService: true as const } : {}),
          }
        : {
            mode: 'none',
            ...(appServiceAuth ? { appService: true as const } : {}),
            ...(localIdentity ? { localIdentity } : {}),
          },
    );
