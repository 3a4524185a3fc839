/**
 * Fifty people writing one month at once, twenty times each, half through PATCH and half through
 * sync: every update the server says it applied is in history exactly once, every other one was
 * told it lost (412 or a conflict), and the month ends with the last applied value.
 */
import { seedProgramme } from '../../backend/services/seed';
import { Deps } from '../../backend/http/deps';
import { loadSeedProgramme } from '../../seeds';
import { call, depsFor, newStore } from '../helpers/server';

jest.setTimeout(180_000);

const P = { programId: 'cvoe-2021' };
const MONTH = { activityId: '2.1', month: 5 };
let deps: Deps;

beforeAll(async () => {
  const store = await newStore();
  await seedProgramme(store, loadSeedProgramme());
  deps = depsFor(store, () => new Date());
});

describe('50 writers × 20 updates on one month', () => {
  it('keeps one history row per applied update and ends with the last one applied', async () => {
    const applied: { note: string; etag: string }[] = [];
    let lost = 0;
    const writer = async (w: number) => {
      for (let u = 0; u < 20; u++) {
        const [current] = await deps.store.statuses.getMany(P.programId, [MONTH]);
        const note = `escritor ${w}, cambio ${u}`;
        const status = u % 2 ? 'realizada' : 'en_proceso';
        if (w % 2 === 0) {
          const res = await call(deps, 'patchMonthStatus', {
            params: { ...P, activityId: MONTH.activityId, month: String(MONTH.month) },
            headers: { 'if-match': current!.etag },
            body: { status, note },
          });
          if (res.status === 200) applied.push({ note, etag: res.json.etag });
          else {
            expect(res.status).toBe(412);
            lost++;
          }
        } else {
          const res = await call(deps, 'sync', {
            params: P,
            body: {
              idempotencyKey: `escritor-${w}-cambio-${u}`,
              changes: [{ ...MONTH, status, note, baseEtag: current!.etag }],
            },
          });
          expect(res.status).toBe(200);
          if (res.json.applied.length === 1) applied.push({ note, etag: res.json.applied[0].etag });
          else {
            expect(res.json.conflicts).toHaveLength(1);
            lost++;
          }
        }
      }
    };
    await Promise.all(Array.from({ length: 50 }, (_, w) => writer(w)));

    expect(applied.length + lost).toBe(1000);
    expect(applied.length).toBeGreaterThan(0);
    const history = await deps.store.statuses.history(P.programId, { ...MONTH, pageSize: 1000 });
    // The seed wrote no history; every applied update wrote exactly one row, and nothing else did.
    expect(history.items).toHaveLength(applied.length);
    expect(new Set(history.items.map((h) => h.note)).size).toBe(applied.length);
    const [final] = await deps.store.statuses.getMany(P.programId, [MONTH]);
    const last = applied.find((a) => a.etag === final!.etag);
    expect(last).toBeDefined();
    expect(final!.note).toBe(last!.note);
    expect(history.items[0]!.note).toBe(last!.note);
  });
});
