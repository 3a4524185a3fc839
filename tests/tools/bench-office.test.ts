/**
 * The office bench's measurement (tools/bench/office.ts): the pane's «Validar», «Sincronizar» and
 * «Calendario», through its controller and gateway over office-addin-mock, cost the same few
 * context.sync() calls on a 26-activity sheet as on a 1,000-activity one.
 */
import { PaneFigures, measurePane } from '../../tools/bench/office';

/** The most round trips to Excel any of the pane's operations may take. */
const MOST_SYNCS = 4;

const counts = (f: PaneFigures) => ({
  validate: f.validate.syncs,
  sync: f.sync.syncs,
  firstSync: f.firstSync.syncs,
  calendar: f.calendar.syncs,
});

let small: PaneFigures;
let large: PaneFigures;
beforeAll(async () => {
  small = await measurePane(26, 1);
  large = await measurePane(1_000, 1);
}, 120_000);

it('runs every operation on both sheets, with changes both ways in the sync', () => {
  expect(small.rows).toBeLessThan(large.rows);
  for (const f of [small, large]) {
    expect(f.sync.sent).toBeGreaterThan(0);
    expect(f.sync.received).toBeGreaterThan(0);
  }
});

it('costs the same context.sync() calls per operation whatever the rows', () => {
  expect(counts(large)).toEqual(counts(small));
});

it('costs at most a few context.sync() calls per operation', () => {
  for (const n of Object.values(counts(large))) {
    expect(n).toBeGreaterThanOrEqual(1);
    expect(n).toBeLessThanOrEqual(MOST_SYNCS);
  }
});
