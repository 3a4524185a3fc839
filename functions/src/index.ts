/**
 * Entry point for the Azure Functions host (Node.js v4 programming model): registers every
 * route of the table with `app.http`. Authentication is App Service's; no dev principal here.
 */
import { app } from '@azure/functions';
import { routes } from './routes';
import { settingsFromEnv } from './settings';
import { ProgramStore } from './store/program-store';
import { toHttpHandler } from './http/route';

const settings = settingsFromEnv();
const store = new ProgramStore(settings.storage);
let tablesReady: Promise<void> | undefined;

for (const route of routes({ store, now: () => new Date() })) {
  const handler = toHttpHandler(route);
  app.http(route.name, {
    methods: route.methods,
    route: route.route,
    authLevel: 'anonymous', // App Service authentication sits in front; roles are checked per route.
    handler: async (request, context) => {
      tablesReady ??= store.ensureTables().catch((error: unknown) => {
        tablesReady = undefined;
        throw error;
      });
      await tablesReady.catch(() => undefined);
      return handler(request, context);
    },
  });
}
