/**
 * Calendar feeds: a URL per programme that Outlook or Google Calendar can subscribe to (they
 * cannot send our sign-in), whose random token is the only credential, revocable at any time.
 */
import { calendarIcs } from '../../shared/calendar/formats';
import { feedId } from '../store/feed-store';
import { NotFoundError } from '../errors';
import { Store } from '../store/store';

/** The path of a feed under the API (the host puts its origin in front). */
export const feedPath = (token: string) => `/api/feeds/${token}/calendario.ics`;

/** A programme's feeds as the list shows them: who made each and when, never their URLs. */
export async function listFeeds(store: Store, programId: string) {
  await store.programmes.require(programId);
  return (await store.feeds.list(programId)).map(({ id, createdBy, createdAt }) => ({
    id,
    createdBy,
    createdAt,
  }));
}

export async function createFeed(
  store: Store,
  programId: string,
  by: string,
  origin: string,
): Promise<{ id: string; url: string }> {
  await store.programmes.require(programId);
  const { token, feed } = await store.feeds.create(programId, by);
  return { id: feed.id, url: `${origin.replace(/\/+$/, '')}${feedPath(token)}` };
}

/** Revokes by the token (from the URL) or the id (from the list); NotFoundError when neither names one. */
export async function revokeFeed(
  store: Store,
  programId: string,
  tokenOrId: string,
): Promise<void> {
  await store.programmes.require(programId);
  const id = /^[0-9a-f]{32}$/.test(tokenOrId) ? tokenOrId : feedId(tokenOrId);
  if (!(await store.feeds.revoke(programId, id)))
    throw new NotFoundError(`El programa «${programId}» no tiene ese canal de calendario.`);
}

/** The calendar a token opens, as .ics (the same as `sessions.ics`); NotFoundError once revoked. */
export async function feedCalendar(
  store: Store,
  token: string,
): Promise<{ programId: string; ics: string }> {
  const feed = await store.feeds.find(token);
  if (!feed) throw new NotFoundError('Este canal de calendario no existe o fue revocado.');
  const [program, calendar] = await Promise.all([
    store.programmes.require(feed.programId),
    store.calendars.get(feed.programId),
  ]);
  if (!calendar) throw new NotFoundError('El programa aún no tiene calendario de sesiones.');
  return {
    programId: feed.programId,
    ics: calendarIcs(calendar.calendar, { commission: program.details.commission.acronym }),
  };
}
