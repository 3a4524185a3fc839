import { Deps } from '../../deps';
import { answer, serviceUnavailable } from '../responses';
import { RouteHandler } from '../route';
import { API } from '../../../shared/api';

export const getHealth =
  ({ store }: Deps): RouteHandler =>
  async () => {
    try {
      await store.ping();
      return answer(API.health, { status: 'ok', storage: 'ok' });
    } catch {
      return serviceUnavailable();
    }
  };
