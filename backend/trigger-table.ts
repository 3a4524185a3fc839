/**
 * What the Functions host registers when it starts, without loading the backend: every HTTP
 * route's name, methods, route and role, and every timer's name and schedule. Plain data (no
 * schemas, no storage SDK), so a cold start registers its functions in a few milliseconds; the
 * handlers (`triggers.ts`) are loaded with the first invocation. `triggers.ts` builds its table
 * from this one, and tests/functions checks the host registers exactly it.
 */
import { ROUTES, RouteInfo } from '../shared/api/route-table';

/** The API lives under /api/ (the host's route prefix is empty, so the web pages can sit at the root). */
export const API_PREFIX = 'api/';

/** Every day at 06:00 in Mexico City (UTC−6 all year since 2022): 12:00 UTC. */
export const DEFAULT_EXPORT_SCHEDULE = '0 0 12 * * *';

/** Every day at 05:30 in Mexico City, 11:30 UTC: half an hour before the exports. */
export const DEFAULT_BACKUP_SCHEDULE = '0 30 11 * * *';

/** Monday to Friday at 08:00 in Mexico City, 14:00 UTC (rest days are skipped by the run itself). */
export const DEFAULT_REMINDER_SCHEDULE = '0 0 14 * * 1-5';

export interface HttpTriggerInfo {
  name: string;
  methods: RouteInfo['method'][];
  route: string;
  role: RouteInfo['role'];
}

export interface TimerTriggerInfo {
  name: string;
  /** NCRONTAB, in UTC. */
  schedule: string;
}

/** The API's routes, then the web pages: every other GET (the dashboard, the task pane). */
export const HTTP_TRIGGERS: readonly HttpTriggerInfo[] = [
  ...Object.values(ROUTES).map((r: RouteInfo) => ({
    name: r.name,
    methods: [r.method],
    route: `${API_PREFIX}${r.path}`,
    role: r.role,
  })),
  { name: 'web', methods: ['GET'], route: '{*path}', role: null },
];

/**
 * The timers and their schedules as the settings give them (PAT_EXPORT_SCHEDULE,
 * PAT_BACKUP_SCHEDULE, PAT_REMINDER_SCHEDULE; blank or unset: the default). The backend checks the values when it loads
 * (`settings.ts`); the host checks their syntax when it registers them.
 */
export function timerTriggers(env: Record<string, string | undefined>): TimerTriggerInfo[] {
  const given = (name: string) => (env[name] === '' ? undefined : env[name]);
  return [
    {
      name: 'scheduledExports',
      schedule: given('PAT_EXPORT_SCHEDULE') ?? DEFAULT_EXPORT_SCHEDULE,
    },
    {
      name: 'scheduledBackups',
      schedule: given('PAT_BACKUP_SCHEDULE') ?? DEFAULT_BACKUP_SCHEDULE,
    },
    {
      name: 'sendReminders',
      schedule: given('PAT_REMINDER_SCHEDULE') ?? DEFAULT_REMINDER_SCHEDULE,
    },
  ];
}
