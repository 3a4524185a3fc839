import { InvocationContext } from '@azure/functions';

/** A timer: runs `handler` on `schedule`, an NCRONTAB expression in UTC (`0 0 12 * * *`). */
export interface Timer {
  name: string;
  schedule: string;
  /** `input`: what the dev host's admin API was given (`{"input": "2021-06-17"}`); the Functions host gives none. */
  handler: (context: InvocationContext, input?: string) => Promise<void>;
}
