/**
 * The `scheduledBackups` timer: every day (PAT_BACKUP_SCHEDULE, NCRONTAB in UTC; by default 11:30
 * UTC, 05:30 in Mexico City, before the exports) it writes a whole backup set — every table and
 * the published export files — to the `backups` Blob container under `{yyyy-mm-dd}/{run}/`, the
 * manifest last, and deletes the runs older than PAT_BACKUP_RETENTION_DAYS.
 */
import { Deps } from '../http/deps';
import { runScheduledBackup } from '../services/backup';
import { BackupSettings, DEFAULT_BACKUP_SCHEDULE } from '../settings';
import { Timer } from './timer';

export const DEFAULT_BACKUPS: BackupSettings = {
  schedule: DEFAULT_BACKUP_SCHEDULE,
  retentionDays: 35,
};

export function scheduledBackups({ store, now, backupSettings = DEFAULT_BACKUPS }: Deps): Timer {
  return {
    name: 'scheduledBackups',
    schedule: backupSettings.schedule,
    handler: async (context) => {
      const run = await runScheduledBackup(store, backupSettings, now());
      const entities = run.manifest.tables.reduce((sum, t) => sum + t.entities, 0);
      context.log(
        `Copia de seguridad ${run.date}/${run.run}: ${entities} entidades de ${run.manifest.tables.length} tablas, ` +
          `${run.manifest.blobs.length} archivos de exportaciones, ${run.bytes} bytes` +
          (run.pruned.length ? `; se borraron las copias ${run.pruned.join(', ')}` : ''),
      );
      for (const warning of run.manifest.warnings) context.warn(`Copia de seguridad: ${warning}`);
    },
  };
}
