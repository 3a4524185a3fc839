import { loadSeedProgramme } from '../../seeds';
import { seedProgramme } from '../../backend/services/seed';
import { upsertPlan } from '../../backend/services/upsert-plan';
import { Month } from '../../shared/months';
import { newStore } from '../helpers/server';

describe('writing a plan while another editor writes the same one', () => {
  it('takes the diff again over their result instead of failing', async () => {
    const store = await newStore();
    const programme = loadSeedProgramme();
    await seedProgramme(store, programme);
    // Our first read is stale: it does not yet see the statuses the other editor just created.
    const listStatuses = store.statuses.list.bind(store.statuses);
    let reads = 0;
    store.statuses.list = async (id: string) => (reads++ === 0 ? [] : listStatuses(id));

    const plan = {
      year: 2021,
      axes: programme.axes,
      activities: programme.activities.map((a) => ({ ...a, months: a.months as Month[] })),
    };
    const result = await upsertPlan(store, 'cvoe-2021', plan, { name: 'beto' });
    expect(reads).toBe(2);
    expect(result).toMatchObject({ created: false, monthsAdded: 0, monthsRemoved: 0 });
    expect(await listStatuses('cvoe-2021')).toHaveLength(251);
  });
});
