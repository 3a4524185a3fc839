import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AzuriteHandle, freePort, startAzurite } from '../../tools/dev/azurite';
import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { call, depsFor, newStore } from '../helpers/server';

describe('storage unreachable', () => {
  let azurite: AzuriteHandle;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pat-outage-'));
    azurite = await startAzurite({
      blobPort: await freePort(),
      tablePort: await freePort(),
      queuePort: await freePort(),
      location: dir,
    });
  });
  afterAll(async () => {
    await azurite.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers 503 with Retry-After while Azurite is down, without hanging, and recovers once it is back', async () => {
    const store = await newStore({ connectionString: azurite.connectionString, timeoutMs: 2000 });
    await seedProgramme(store, loadSeedProgramme());
    const deps = depsFor(store);
    expect((await call(deps, 'getProgram', { params: { programId: 'cvoe-2021' } })).status).toBe(
      200,
    );

    await azurite.stop();
    // A version read less than a second old still serves the snapshot (snapshots.ts): past that,
    // a read needs storage.
    await new Promise((r) => setTimeout(r, 1100));
    const started = Date.now();
    const down = await call(deps, 'getProgram', { params: { programId: 'cvoe-2021' } });
    expect(down).toMatchObject({
      status: 503,
      json: { error: expect.stringContaining('no responde') },
    });
    expect(down.headers.get('retry-after')).toBe('5');
    expect(JSON.stringify(down.json)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|devstoreaccount1|at /);
    expect(Date.now() - started).toBeLessThan(5000);
    expect((await call(deps, 'health', { as: null })).status).toBe(503);
    const write = await call(deps, 'patchMonthStatus', {
      params: { programId: 'cvoe-2021', activityId: '1.1', month: '1' },
      headers: { 'if-match': 'x' },
      body: { status: 'realizada' },
    });
    expect(write.status).toBe(503);

    azurite = await startAzurite(azurite.options);
    expect((await call(deps, 'health', { as: null })).status).toBe(200);
    const back = await call(deps, 'getProgram', { params: { programId: 'cvoe-2021' } });
    expect(back.status).toBe(200);
    expect(back.json.activities).toHaveLength(26);
  });
});
