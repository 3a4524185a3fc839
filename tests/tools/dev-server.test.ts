import { Server } from 'node:http';
import { loadSeedProgramme } from '../../seeds';
import { compileRoute, createDevServer, listen } from '../../tools/dev/dev-server';
import { encodePrincipal } from '../../backend/http/principal';
import { triggers } from '../../backend/triggers';
import { seedProgramme } from '../../backend/services/seed';
import { VIEWER, depsFor, newStore } from '../helpers/server';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const bodyOf = (res: Response): Promise<any> => res.json();

async function serve(devPrincipal?: {
  name: string;
  roles: string[];
}): Promise<{ base: string; server: Server }> {
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  const server = createDevServer({
    routes: triggers(depsFor(store)).http,
    devPrincipal,
    log: () => undefined,
  });
  const port = await listen(server, 0);
  return { base: `http://127.0.0.1:${port}/api`, server };
}

describe('route templates', () => {
  it('match parameters and literal dots, nothing more', () => {
    const { pattern, names } = compileRoute('api/programs/{programId}/sessions.ics');
    expect(names).toEqual(['programId']);
    expect(pattern.exec('/api/programs/cvoe-2021/sessions.ics')?.[1]).toBe('cvoe-2021');
    expect(pattern.test('/api/programs/cvoe-2021/sessionsXics')).toBe(false);
    expect(pattern.test('/api/programs/a/b/sessions.ics')).toBe(false);
  });
});

describe('the local dev server', () => {
  let server: Server | undefined;
  afterEach(() => server?.close());

  it('serves the route table over HTTP on 127.0.0.1, with the same roles', async () => {
    const s = await serve();
    server = s.server;
    expect(s.base).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
    expect((await fetch(`${s.base}/health`)).status).toBe(200);
    expect((await fetch(`${s.base}/programs`)).status).toBe(401);
    const res = await fetch(`${s.base}/programs/cvoe-2021`, {
      headers: { 'x-ms-client-principal': encodePrincipal(VIEWER) },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect((await bodyOf(res)).activities).toHaveLength(26);
  });

  it('passes bodies, headers and answers through: a PATCH with If-Match gets its ETag back', async () => {
    const s = await serve({ name: 'dev@localhost', roles: ['editor'] });
    server = s.server;
    const program = await bodyOf(await fetch(`${s.base}/programs/cvoe-2021`));
    const etag = program.activities[0].statuses['1'].etag;
    const res = await fetch(`${s.base}/programs/cvoe-2021/activities/1.1/months/1`, {
      method: 'PATCH',
      headers: { 'if-match': etag, 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'realizada' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe((await bodyOf(res)).etag);
    const ics = await fetch(`${s.base}/programs/cvoe-2021/sessions.ics`);
    expect(ics.headers.get('content-disposition')).toBe(
      'attachment; filename="sesiones-cvoe-2021.ics"',
    );
    expect(await ics.text()).toContain('BEGIN:VCALENDAR');
  });

  it('stands in a dev principal only when configured, and never over one the request brings', async () => {
    const s = await serve({ name: 'dev@localhost', roles: ['viewer'] });
    server = s.server;
    expect((await (await fetch(`${s.base}/programs`)).json()) as unknown[]).toHaveLength(1);
    // The request's own principal (no role, no membership) is the one used: it sees nothing.
    const own = await fetch(`${s.base}/programs`, {
      headers: { 'x-ms-client-principal': encodePrincipal({ name: 'x', roles: [] }) },
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual([]);
  });

  it('404 for an unknown path, 405 for a known path with another method', async () => {
    const s = await serve();
    server = s.server;
    expect((await fetch(`${s.base}/nada`)).status).toBe(404);
    const res = await fetch(`${s.base}/programs`, { method: 'DELETE' });
    expect(res.status).toBe(405);
    expect((await bodyOf(res)).error).toContain('DELETE');
  });
});
