import { Deps } from '../deps';
import { answer, serviceUnavailable } from '../responses';
import { RouteHandler } from '../route';
import { checkStorage } from '../../services/health';
import { API } from '../../../shared/api';

export const getHealth =
  ({ store }: Deps): RouteHandler =>
  async () => {
    try {
      await checkStorage(store);
      return answer(API.health, { status: 'ok', storage: 'ok' });
    } catch {
      return serviceUnavailable();
    }
  };
