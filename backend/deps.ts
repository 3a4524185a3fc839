import { ProgramStore } from './store/program-store';

/** What handlers need from outside: the store, the clock, where the web pages are. Tests pass their own. */
export interface Deps {
  store: ProgramStore;
  now: () => Date;
  /** The folder with the built web pages (`addin/`, `dashboard/`); none: the pages answer 404. */
  webRoot?: string;
}
