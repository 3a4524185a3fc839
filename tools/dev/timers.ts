/**
 * Timers under the dev host, as the Functions host runs them: on their NCRONTAB schedule (six
 * fields with seconds, in UTC, as on Azure), and on demand. A run that fails is logged, never fatal.
 */
import { InvocationContext, LogHandler } from '@azure/functions';
import { randomUUID } from 'node:crypto';
import { Cron } from 'croner';
import { Timer } from '../../backend';

export async function runTimer(timer: Timer, log: LogHandler, input?: string): Promise<void> {
  const context = new InvocationContext({
    invocationId: randomUUID(),
    functionName: timer.name,
    logHandler: log,
  });
  try {
    await timer.handler(context, input);
  } catch (error) {
    context.error(`La función ${timer.name} falló:`, error);
  }
}

/** Starts every timer on its schedule; returns the stop. Two runs of one timer never overlap. */
export function scheduleTimers(
  timers: readonly Timer[],
  log: LogHandler,
): { stop(): void; next(name: string): Date | undefined } {
  const jobs = new Map(
    timers.map((timer) => [
      timer.name,
      new Cron(timer.schedule, { timezone: 'Etc/UTC', protect: true }, () => runTimer(timer, log)),
    ]),
  );
  return {
    stop: () => jobs.forEach((job) => job.stop()),
    next: (name) => jobs.get(name)?.nextRun() ?? undefined,
  };
}
