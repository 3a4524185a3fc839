/**
 * The Azure Functions host (Node.js v4 programming model): registers every HTTP route with
 * `app.http` and every timer with `app.timer`, from the backend's trigger table
 * (`backend/trigger-table.ts`, plain data). The backend itself — settings, storage, the contract's
 * schemas, the handlers — is loaded with the first invocation, not when the app starts: Flex
 * Consumption starts the app on every cold start, and registration is all the host waits for.
 * Only registration here; authentication is App Service's, and no dev principal exists in this host.
 */
import { app } from '@azure/functions';
import path from 'node:path';
import type { Backend } from '../../backend';
import { HTTP_TRIGGERS, timerTriggers } from '../../backend/trigger-table';

// The web pages ship in the package's www/ folder, beside dist/ (the bundle's folder).
const webRoot = path.join(__dirname, '..', 'www');

let loading: Promise<Backend> | undefined;
/**
 * The backend, made once with the first invocation. Settings are read then: a bad one fails every
 * invocation with its message (in the log), as it stopped the app before.
 */
const backend = (): Promise<Backend> =>
  (loading ??= import('../../backend').then(({ createBackend, settingsFromEnv }) =>
    createBackend({ webRoot, ...settingsFromEnv() }),
  ));

/** A route's handler, made once per route. */
const handlers = new Map<string, Promise<ReturnType<Backend['httpHandler']>>>();
const handlerOf = (name: string) => {
  let handler = handlers.get(name);
  if (!handler) {
    handler = backend().then((b) => b.httpHandler(b.triggers.http.find((r) => r.name === name)!));
    handlers.set(name, handler);
  }
  return handler;
};

for (const route of HTTP_TRIGGERS)
  app.http(route.name, {
    methods: [...route.methods],
    route: route.route,
    authLevel: 'anonymous', // App Service authentication sits in front; roles are checked per route.
    handler: async (request, context) => (await handlerOf(route.name))(request, context),
  });

for (const timer of timerTriggers(process.env))
  app.timer(timer.name, {
    schedule: timer.schedule,
    handler: async (_timer, context) => {
      const run = (await backend()).triggers.timers.find((t) => t.name === timer.name)!;
      await run.handler(context);
    },
  });
