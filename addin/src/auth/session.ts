/**
 * Who the pane is signed in as, for one server, and the access tokens its calls carry. The server
 * says how to sign in (`GET /api/auth-config`): `none` where the host stands in for sign-in (the
 * local dev host, App Service authentication), so no token is ever asked for; `entra` with the
 * app registration's ids, and then a token comes from an `Authenticator` — Nested App
 * Authentication where Office supports it, Office's dialog otherwise. The rest of the pane sees
 * only this module: tokens live in MSAL's cache (NAA) or in this object's memory (dialog), never
 * in the workbook or the browser's storage.
 */
import type { AuthConfig } from '../../../shared/api/responses';
import { SignInRequiredError, TokenSource } from '../api-client';
import { MESSAGES } from '../messages';

export interface Account {
  name: string;
  username: string;
}

/** A token and whose it is, as an authenticator hands it over. */
export interface Grant {
  accessToken: string;
  /** Milliseconds since the epoch. */
  expiresOn: number;
  account: Account;
}

/** One way of getting tokens from Microsoft Entra. */
export interface Authenticator {
  /** A token without asking the person anything; undefined when only an interaction can get one. */
  silent(options: { renew: boolean }): Promise<Grant | undefined>;
  /** Asks the person to sign in (a popup or a dialog). */
  interactive(): Promise<Grant>;
  /** Forgets the account here (and, where the way allows, at the identity provider). */
  signOut(): Promise<void>;
}

export type SessionState =
  | { kind: 'loading' }
  /**
   * The server asks for no token: the host it runs on signs people in. `localIdentity`: «modo
   * local», the local dev host signs every request in as this identity.
   */
  | { kind: 'host'; localIdentity?: { name: string; roles: string[] } }
  | { kind: 'signed-out'; message?: string }
  | { kind: 'signed-in'; account: Account };

export interface Session extends TokenSource {
  state(): SessionState;
  subscribe(listener: () => void): () => void;
  /** Signs in interactively (the «Iniciar sesión» button). */
  signIn(): Promise<void>;
  /** «Cerrar sesión»: tokens forgotten; no silent sign-in until the person signs in again. */
  signOut(): Promise<void>;
}

export interface SessionDeps {
  /** The server's `auth-config`; rejects when the server cannot be reached. */
  loadConfig(): Promise<AuthConfig>;
  /** The way to sign in for this configuration (NAA or the dialog). */
  authenticator(config: Extract<AuthConfig, { mode: 'entra' }>): Promise<Authenticator>;
  now?: () => number;
}

/** A token is used until this close to its end, then renewed: requests never carry one about to lapse. */
export const RENEW_BEFORE_MS = 5 * 60_000;

export function createSession(deps: SessionDeps): Session {
  const now = deps.now ?? Date.now;
  let state: SessionState = { kind: 'loading' };
  let setup: Promise<Authenticator | undefined> | undefined;
  let grant: Grant | undefined;
  // After «Cerrar sesión», nothing signs in again without the person asking.
  let signedOut = false;
  const listeners = new Set<() => void>();

  const set = (next: SessionState) => {
    state = next;
    for (const listener of listeners) listener();
  };

  function authenticator(): Promise<Authenticator | undefined> {
    return (setup ??= deps
      .loadConfig()
      .then(async (config) => {
        if (config.mode === 'none') {
          set(
            config.localIdentity
              ? { kind: 'host', localIdentity: config.localIdentity }
              : { kind: 'host' },
          );
          return undefined;
        }
        // Still «loading» until the first token is had or refused: no sign-in button flashes by.
        return deps.authenticator(config);
      })
      .catch((error: unknown) => {
        // Unreachable server: try again on the next call.
        setup = undefined;
        throw error;
      }));
  }

  const accept = (next: Grant): string => {
    grant = next;
    signedOut = false;
    if (state.kind !== 'signed-in' || state.account.username !== next.account.username)
      set({ kind: 'signed-in', account: next.account });
    return next.accessToken;
  };

  const required = (message: string) => {
    grant = undefined;
    set({ kind: 'signed-out', message });
    return new SignInRequiredError(message);
  };

  return {
    state: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async token({ renew = false } = {}) {
      const auth = await authenticator();
      if (!auth) return undefined;
      if (!renew && grant && grant.expiresOn - now() > RENEW_BEFORE_MS) return grant.accessToken;
      if (signedOut) throw required(MESSAGES.signInToContinue);
      const fresh = await auth.silent({ renew });
      if (fresh) return accept(fresh);
      // Not renewable without the person: a token still valid is used to its end.
      if (!renew && grant && grant.expiresOn > now()) return grant.accessToken;
      throw required(renew || grant ? MESSAGES.sessionEnded : MESSAGES.signInToContinue);
    },
    async signIn() {
      const auth = await authenticator();
      if (!auth) return;
      try {
        accept(await auth.interactive());
      } catch (error) {
        set({ kind: 'signed-out', message: signInFailure(error) });
        throw new SignInRequiredError(signInFailure(error));
      }
    },
    async signOut() {
      const auth = await authenticator();
      grant = undefined;
      signedOut = true;
      if (auth) await auth.signOut().catch(() => undefined);
      set({ kind: 'signed-out', message: MESSAGES.signedOut });
    },
  };
}

/** What the person reads when signing in did not work: never the library's English. */
function signInFailure(error: unknown): string {
  // MSAL's and our dialog's cancellations carry an error code; their messages are English.
  const code = (error as { errorCode?: string } | undefined)?.errorCode ?? '';
  if (/cancel|closed/i.test(code)) return MESSAGES.signInCancelled;
  return MESSAGES.signInFailed;
}
