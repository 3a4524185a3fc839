/**
 * When the dashboard loads its figures again: every 30 s while the page is open and all goes
 * well; after failed rounds in a row, 1, 2, 4… minutes, at most 5, until one goes through. One
 * round at a time: a refresh asked for during a round gets one more round after it.
 */
export const POLL_MS = 30_000;
export const MAX_BACKOFF_MS = 5 * 60_000;

/** The wait before the next round, after `failures` failed rounds in a row. */
export function pollDelay(failures: number): number {
  return failures === 0 ? POLL_MS : Math.min(POLL_MS * 2 ** failures, MAX_BACKOFF_MS);
}

export interface PollerOptions {
  /** One round of loading (it records its own failure, read back through `failures`). */
  round: () => Promise<void>;
  /** Failed rounds in a row, as the last round left them. */
  failures: () => number;
  /** When the next round is due, each time one is scheduled. */
  onScheduled: (next: Date) => void;
  now: () => Date;
}

export interface Poller {
  /** A round now, then one after each wait, until `stop`. */
  start(): void;
  stop(): void;
  /** A round now (a round already under way is followed by one more), then the next is scheduled. */
  refresh(): Promise<void>;
}

export function poller({ round, failures, onScheduled, now }: PollerOptions): Poller {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = true;

  const schedule = () => {
    if (stopped) return;
    const delay = pollDelay(failures());
    clearTimeout(timer);
    onScheduled(new Date(now().getTime() + delay));
    timer = setTimeout(() => void refresh(), delay);
  };

  function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    clearTimeout(timer);
    running = (async () => {
      do {
        again = false;
        await round();
      } while (again);
    })().finally(() => {
      running = undefined;
      schedule();
    });
    return running;
  }

  return {
    start() {
      stopped = false;
      void refresh();
    },
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
    refresh,
  };
}
