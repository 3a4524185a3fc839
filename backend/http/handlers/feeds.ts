import { API, feedParams, feedTokenParams, programParams } from '../../../shared/api';
import { Deps } from '../deps';
import { createFeed, feedCalendar, listFeeds, revokeFeed } from '../../services/feeds';
import { params } from '../parse';
import { answer, file, noContent } from '../responses';
import { RouteHandler } from '../route';

export const listCalendarFeeds =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listCalendarFeeds, await listFeeds(store, programId));
  };

/** A new subscribable URL, on this app's own origin (or PAT_PUBLIC_URL when set). */
export const createCalendarFeed =
  ({ store, publicUrl }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const origin = publicUrl ?? new URL(request.url).origin;
    return answer(
      API.createCalendarFeed,
      await createFeed(store, programId, principal.name, origin),
      {},
      201,
    );
  };

export const revokeCalendarFeed =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, feed } = params(request, feedParams);
    await revokeFeed(store, programId, feed);
    return noContent();
  };

/** The .ics a calendar app subscribes to: the token is the credential; 404 once revoked. */
export const getCalendarFeed =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { token } = params(request, feedTokenParams);
    const { programId, ics } = await feedCalendar(store, token);
    return file(ics, 'text/calendar; charset=utf-8', `sesiones-${programId}.ics`, 'inline');
  };
