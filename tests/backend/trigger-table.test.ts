/**
 * The plain trigger table the Functions host registers at start agrees with the backend it loads
 * later: the same timers with the same schedules, whatever the settings say.
 */
import { createBackend, settingsFromEnv } from '../../backend';
import { HTTP_TRIGGERS, timerTriggers } from '../../backend/trigger-table';
import { testConnectionString } from '../helpers/server';

const ENVS: Record<string, string>[] = [
  {},
  { PAT_EXPORT_SCHEDULE: '0 15 6 * * 1-5' },
  { PAT_BACKUP_SCHEDULE: '0 0 3 * * *', PAT_EXPORT_SCHEDULE: '' },
  { PAT_BACKUP_SCHEDULE: '' },
];

describe('the trigger table', () => {
  it.each(ENVS)('names the timers and schedules the backend runs (%j)', (env) => {
    const backend = createBackend(
      settingsFromEnv({ PAT_STORAGE_CONNECTION_STRING: testConnectionString(), ...env }),
    );
    expect(timerTriggers(env)).toEqual(
      backend.triggers.timers.map((t) => ({ name: t.name, schedule: t.schedule })),
    );
  });

  it('lists each route once, the web pages last', () => {
    const names = HTTP_TRIGGERS.map((t) => t.name);
    expect(new Set(names).size).toBe(names.length);
    expect(HTTP_TRIGGERS.at(-1)).toMatchObject({ name: 'web', route: '{*path}' });
  });
});
