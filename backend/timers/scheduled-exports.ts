/**
 * The `scheduledExports` timer: every day (PAT_EXPORT_SCHEDULE, NCRONTAB in UTC; by default 12:00
 * UTC, 06:00 in Mexico City) it writes each programme's export set to Blob storage and forgets
 * the sets older than PAT_EXPORT_RETENTION_DAYS. Two runs at once (two instances, a retry) are
 * safe: each writes its own folder and the one that started later stays published.
 */
import { Deps } from '../http/deps';
import { runScheduledExports } from '../services/exports';
import { DEFAULT_EXPORT_SCHEDULE, ExportSettings } from '../settings';
import { Timer } from './timer';

export const DEFAULT_EXPORTS: ExportSettings = {
  schedule: DEFAULT_EXPORT_SCHEDULE,
  retentionDays: 90,
  reportDaysBefore: 7,
};

export function scheduledExports({ store, now, exportSettings = DEFAULT_EXPORTS }: Deps): Timer {
  return {
    name: 'scheduledExports',
    schedule: exportSettings.schedule,
    handler: async (context) => {
      const runs = await runScheduledExports(store, exportSettings, now());
      for (const run of runs)
        context.log(
          `Exportación ${run.programId} del ${run.date}: ` +
            (run.supersededBy
              ? `no se publicó; otra ejecución que empezó después (${run.supersededBy}) ya había publicado la suya`
              : run.files.join(', ')) +
            (run.pruned.length ? `; se borraron las de ${run.pruned.join(', ')}` : ''),
        );
    },
  };
}
