import type { BackupSettings, ExportSettings, ReminderSettings } from '../settings';
import type { Mailer } from '../mail/message';
import type { Store } from '../store/store';
import { Access } from './access';

/**
 * What handlers and timers need from outside: the store the services work on (handlers hand it to
 * a service, never use it themselves), the clock, who may do what, the web pages' folder, the
 * timers' settings. Tests pass their own.
 */
export interface Deps {
  store: Store;
  now: () => Date;
  /** Who is asking and what they may do (identities to roles, in one place). */
  access: Access;
  /** The folder with the built web pages (`addin/`, `dashboard/`); none: the pages answer 404. */
  webRoot?: string;
  /** When and what the scheduled exports write; the defaults when absent. */
  exportSettings?: ExportSettings;
  /** When the scheduled backups run and how long they are kept; the defaults when absent. */
  backupSettings?: BackupSettings;
  /** When reminders go out and how long before a session; the defaults when absent. */
  reminderSettings?: ReminderSettings;
  /** Where reminders are sent (Graph, or the .eml outbox); none: the timer sends nothing and says why. */
  mailer?: () => Promise<Mailer>;
  /** The app's public origin for URLs made outside a request. */
  publicUrl?: string;
  /** The app runs behind App Service authentication (the dashboard signs in through it). */
  appServiceAuth?: boolean;
  /** «Modo local»: the local dev host signs every request without an identity in as this one. */
  localIdentity?: { name: string; roles: string[] };
  /** How the pane and the dashboard sign in (Entra); none: they use the host's identity. */
  signIn?: { tenantId: string; clientId: string; authority: string; appIdUri?: string };
}
