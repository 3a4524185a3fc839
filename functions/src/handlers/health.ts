import { Deps } from '../deps';
import { ok, serviceUnavailable } from '../http/responses';
import { RouteHandler } from '../http/route';

export const getHealth =
  ({ store }: Deps): RouteHandler =>
  async () => {
    try {
      await store.ping();
      return ok({ status: 'ok', storage: 'ok' });
    } catch {
      return serviceUnavailable();
    }
  };
