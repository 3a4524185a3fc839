import { InvocationContext } from '@azure/functions';

/** A timer: runs `handler` on `schedule`, an NCRONTAB expression in UTC (`0 0 12 * * *`). */
export interface Timer {
  name: string;
  schedule: string;
  handler: (context: InvocationContext) => Promise<void>;
}
