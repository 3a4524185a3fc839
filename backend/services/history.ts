/** A programme's history of status changes: newest first, filtered and paged. */
import { HistoryQuery } from '../store/status-store';
import { Store } from '../store/store';

export async function readHistory(store: Store, programId: string, query: HistoryQuery) {
  await store.programmes.require(programId);
  return store.statuses.history(programId, query);
}
