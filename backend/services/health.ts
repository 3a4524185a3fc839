/** Whether storage answers: `GET /api/health` (200, or 503 while it does not). */
import { Store } from '../store/store';

export const checkStorage = (store: Store): Promise<void> => store.ping();
