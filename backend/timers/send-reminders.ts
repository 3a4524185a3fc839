/**
 * The `sendReminders` timer: every working day (PAT_REMINDER_SCHEDULE, NCRONTAB in UTC; by default
 * 14:00 UTC Monday to Friday, 08:00 in Mexico City) it e-mails the people responsible for each
 * programme of the year their due and overdue months, PAT_REMINDER_DAYS_BEFORE days before each
 * ordinary session and on the first working day of each month, and the commission the session
 * report's link. Each message is claimed before it goes (services/reminders.ts), so two instances
 * or a retry at once never send it twice; a failed one is sent by the next run.
 */
import { Deps } from '../http/deps';
import { runReminders } from '../services/reminders';
import { DEFAULT_REMINDER_SCHEDULE, ReminderSettings } from '../settings';
import { Timer } from './timer';
import { dateInMexicoCity, isIsoDate } from '../../shared/calendar/dates';

export const DEFAULT_REMINDERS: ReminderSettings = {
  schedule: DEFAULT_REMINDER_SCHEDULE,
  daysBefore: 7,
};

export function sendReminders({
  store,
  now,
  mailer,
  publicUrl,
  reminderSettings = DEFAULT_REMINDERS,
}: Deps): Timer {
  return {
    name: 'sendReminders',
    schedule: reminderSettings.schedule,
    handler: async (context, input) => {
      if (!mailer) {
        context.warn(
          'Recordatorios: no se envió nada: falta PAT_MAIL_SENDER (el buzón desde el que Microsoft Graph envía).',
        );
        return;
      }
      if (!publicUrl) {
        context.warn(
          'Recordatorios: no se envió nada: falta PAT_PUBLIC_URL (la dirección pública de la app, para los enlaces).',
        );
        return;
      }
      const transport = await mailer();
      // The dev host's admin API may name the day to run as of (trying 2021's reminders), at 09:00 in Mexico City.
      const at = input && isIsoDate(input) ? new Date(`${input}T15:00:00Z`) : now();
      const runs = await runReminders(
        store,
        transport,
        { daysBefore: reminderSettings.daysBefore, publicUrl },
        at,
      );
      if (runs.length === 0)
        context.log(
          `Recordatorios: el ${dateInMexicoCity(at)} no toca ninguno (ningún programa de ese año está a una semana de una sesión ordinaria ni en el inicio de un mes). Para probar un año pasado, el servidor local toma el día: -d '{"input":"2021-06-17"}'.`,
        );
      for (const run of runs)
        context.log(
          `Recordatorios ${run.programId} (${run.occasion}) por ${transport.describe}: ${run.sent.length} enviados` +
            (run.skipped ? `, ${run.skipped} ya enviados` : '') +
            (run.optedOut ? `, ${run.optedOut} dados de baja` : '') +
            (run.failed.length
              ? `; fallaron ${run.failed.map((f) => `${f.email} (${f.error})`).join(', ')}: se reintentan en la próxima ejecución`
              : '') +
            '.',
        );
    },
  };
}
