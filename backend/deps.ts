import { ProgramStore } from './store/program-store';

/** What handlers need from outside: the store and the clock. Tests pass their own. */
export interface Deps {
  store: ProgramStore;
  now: () => Date;
}
