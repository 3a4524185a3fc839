/**
 * The Azure Functions host (Node.js v4 programming model): registers the backend's trigger table,
 * every HTTP route with `app.http` and every timer with `app.timer`. Only registration here;
 * authentication is App Service's, and no dev principal exists in this host.
 */
import { app } from '@azure/functions';
import path from 'node:path';
import { createBackend, settingsFromEnv } from '../../backend';

// The web pages ship in the package's www/ folder, beside dist/ (the bundle's folder).
const backend = createBackend({
  webRoot: path.join(__dirname, '..', 'www'),
  ...settingsFromEnv(),
});

for (const route of backend.triggers.http)
  app.http(route.name, {
    methods: route.methods,
    route: route.route,
    authLevel: 'anonymous', // App Service authentication sits in front; roles are checked per route.
    handler: backend.httpHandler(route),
  });

for (const timer of backend.triggers.timers)
  app.timer(timer.name, {
    schedule: timer.schedule,
    handler: (_timer, context) => timer.handler(context),
  });
