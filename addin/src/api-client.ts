/**
 * The functions' API as the pane uses it: the contract's one client (`shared/api/client.ts`) with
 * the pane's hooks. Every call carries the session's access token where the server wants sign-in,
 * and a refused token is renewed once (the client repeats the call); a network failure or a 503
 * is `OfflineError` (the change waits in the workbook), a token refused again
 * `SignInRequiredError` (it waits until the person signs in).
 */
import {
  ApiError,
  ContractClient,
  Fetch,
  NetworkError,
  UnauthorizedError,
  UnavailableError,
  contractClient,
} from '../../shared/api/client';
import type { PlanBody, SyncBody } from '../../shared/api/requests';
import type {
  AuthConfig,
  CalendarView,
  Me,
  ProgramView,
  SyncAnswer,
} from '../../shared/api/responses';
import { API } from '../../shared/api/routes';
import { MESSAGES } from './messages';

export { ApiError };
/** The server could not be reached or is not answering: nothing was done, the changes wait. */
export class OfflineError extends Error {}
/** The session ended or never began: nothing was sent, and the changes wait as when offline. */
export class SignInRequiredError extends OfflineError {}

export interface Api {
  getProgram(programId: string): Promise<ProgramView | undefined>;
  putPlan(programId: string, plan: PlanBody): Promise<void>;
  /** The API's sync route: status changes, each over its base ETag. */
  sync(programId: string, body: SyncBody): Promise<SyncAnswer>;
  getSessions(programId: string): Promise<CalendarView | undefined>;
  /** Who the server says the caller is, and their roles over the programme. */
  me(programId: string): Promise<Me>;
}

/** Where a call's access token comes from; undefined: the server asks for none. */
export interface TokenSource {
  token(options?: { renew?: boolean }): Promise<string | undefined>;
}

const NO_TOKENS: TokenSource = { token: async () => undefined };

/** The contract client for the server at `baseUrl` (the pane's origin unless told otherwise). */
function clientFor(baseUrl: string, timeoutMs: number, tokens?: TokenSource): ContractClient {
  const timed: Fetch = (url, init) =>
    fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  return contractClient({
    root: `${baseUrl.replace(/\/+$/, '')}/api/`,
    fetch: timed,
    ...(tokens && {
      authorization: async ({ renew }) => {
        const token = await tokens.token(renew ? { renew } : undefined);
        return token ? `Bearer ${token}` : undefined;
      },
    }),
    messages: { network: MESSAGES.unreachable, unexpected: MESSAGES.unexpectedAnswer },
  });
}

/** The client's failures as the pane treats them: offline, signed out, or the server's refusal. */
function paneError(error: unknown): unknown {
  if (error instanceof NetworkError) return new OfflineError(error.message);
  if (error instanceof UnavailableError) return new OfflineError(MESSAGES.unavailable);
  if (error instanceof UnauthorizedError && error.credentialed)
    return new SignInRequiredError(MESSAGES.sessionInvalid);
  return error;
}

const paneCall = <T>(call: Promise<T>): Promise<T> =>
  call.catch((error: unknown) => {
    throw paneError(error);
  });

/** How the server at `baseUrl` wants its clients to sign in (a public route). */
export async function fetchAuthConfig(baseUrl: string, timeoutMs = 8000): Promise<AuthConfig> {
  try {
    return await clientFor(baseUrl, timeoutMs).call(API.authConfig);
  } catch (error) {
    throw new OfflineError(error instanceof NetworkError ? error.message : MESSAGES.unavailable);
  }
}

export function httpApi(baseUrl: string, tokens: TokenSource = NO_TOKENS, timeoutMs = 8000): Api {
  const client = clientFor(baseUrl, timeoutMs, tokens);
  return {
    getProgram: (programId) =>
      paneCall(client.call(API.getProgram, { params: { programId }, notFound: 'undefined' })),
    async putPlan(programId, plan) {
      await paneCall(client.call(API.putPlan, { params: { programId }, body: plan }));
    },
    sync: (programId, body) => paneCall(client.call(API.sync, { params: { programId }, body })),
    getSessions: (programId) =>
      paneCall(client.call(API.getSessions, { params: { programId }, notFound: 'undefined' })),
    me: (programId) => paneCall(client.call(API.me, { query: { programId } })),
  };
}
