import fc from 'fast-check';
import { STATUSES, Status } from '../../../shared/status';
import { BaseEntry, TheirsEntry, planMerge, resolveConflict } from '../../../shared/sync/three-way';

const K = '2.3|4';
const merge = (mine: Status, base: BaseEntry | undefined, theirs: TheirsEntry) =>
  planMerge(new Map([[K, mine]]), new Map(base ? [[K, base]] : []), new Map([[K, theirs]]));

describe('three-way merge', () => {
  const base: BaseEntry = { status: 'pendiente', etag: 'e1' };

  it('mine changed, theirs did not → send mine with the base ETag', () => {
    expect(merge('realizada', base, { status: 'pendiente', etag: 'e1' })).toMatchObject({
      send: [{ key: K, status: 'realizada', baseEtag: 'e1' }],
      toSheet: [],
      conflicts: [],
    });
  });

  it('theirs changed, mine did not → write theirs into the sheet and move the base', () => {
    const plan = merge('pendiente', base, { status: 'en_proceso', etag: 'e2' });
    expect(plan).toMatchObject({
      send: [],
      toSheet: [{ key: K, status: 'en_proceso' }],
      conflicts: [],
    });
    expect(plan.newBase.get(K)).toEqual({ status: 'en_proceso', etag: 'e2' });
  });

  it('both changed to different values → a conflict with both sides', () => {
    expect(
      merge('cancelada', base, { status: 'realizada', etag: 'e2', updatedBy: 'beto' }).conflicts,
    ).toEqual([
      {
        key: K,
        mine: 'cancelada',
        theirs: { status: 'realizada', etag: 'e2', updatedBy: 'beto' },
        base,
      },
    ]);
  });

  it('both changed to the same value → agreed, the base moves', () => {
    const plan = merge('realizada', base, { status: 'realizada', etag: 'e2' });
    expect(plan).toMatchObject({ send: [], toSheet: [], conflicts: [] });
    expect(plan.newBase.get(K)).toEqual({ status: 'realizada', etag: 'e2' });
  });

  it('a workbook never synced: a bare mark takes theirs, a status set offline is sent, a status against theirs is a conflict', () => {
    expect(merge('pendiente', undefined, { status: 'realizada', etag: 'e2' }).toSheet).toEqual([
      { key: K, status: 'realizada' },
    ]);
    expect(merge('realizada', undefined, { status: 'pendiente', etag: 'e1' }).send).toEqual([
      { key: K, status: 'realizada', baseEtag: 'e1' },
    ]);
    expect(
      merge('cancelada', undefined, { status: 'realizada', etag: 'e2' }).conflicts,
    ).toHaveLength(1);
  });

  it('settles a conflict either way', () => {
    const conflict = {
      key: K,
      mine: 'cancelada' as Status,
      theirs: { status: 'realizada' as Status, etag: 'e2' },
      base,
    };
    expect(resolveConflict(conflict, 'mine')).toEqual({
      send: { key: K, status: 'cancelada', baseEtag: 'e2' },
    });
    expect(resolveConflict(conflict, 'theirs')).toEqual({
      toSheet: { key: K, status: 'realizada' },
      base: { status: 'realizada', etag: 'e2' },
    });
  });

  it('never drops an edit silently: every month where the sides differ is sent, written or settled by the user', () => {
    const status = fc.constantFrom(...STATUSES);
    fc.assert(
      fc.property(
        status,
        fc.option(fc.record({ status, etag: fc.constantFrom('e1', 'e2') }), { nil: undefined }),
        fc.record({ status, etag: fc.constantFrom('e1', 'e2', 'e3') }),
        (m, b, t) => {
          const plan = merge(m, b, t);
          const buckets = [plan.send.length, plan.toSheet.length, plan.conflicts.length];
          // At most one outcome per month.
          expect(buckets.reduce((x, y) => x + y, 0)).toBeLessThanOrEqual(1);
          if (m !== t.status) expect(buckets.reduce((x, y) => x + y, 0)).toBe(1);
          // Mine is never overwritten unless it was unchanged (or a bare mark never synced).
          if (plan.toSheet.length) expect(b ? m === b.status : m === 'pendiente').toBe(true);
          // What is sent is always mine, over theirs' current ETag.
          for (const s of plan.send) expect(s).toEqual({ key: K, status: m, baseEtag: t.etag });
        },
      ),
      { numRuns: 2000 },
    );
  });
});
