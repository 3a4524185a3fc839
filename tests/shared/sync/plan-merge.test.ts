import { decidePlan, planSignature } from '../../../shared/sync/plan-merge';

const sig = (...acts: [string, string, number[]][]) =>
  planSignature(
    acts.map(([id, description, months]) => ({
      id,
      axis: Number(id.split('.')[0]),
      description,
      months,
    })),
  );
const a = sig(['1.1', 'uno', [1, 2]], ['1.2', 'dos', [3]]);
const withNew = sig(['1.1', 'uno', [1, 2]], ['1.2', 'dos', [3]], ['1.3', 'tres', [4]]);

describe('sending the plan', () => {
  it('sends when the server has no programme yet', () => {
    expect(decidePlan(a, undefined, undefined).action).toBe('send');
  });

  it('does nothing when the sheet and the server agree (month order does not matter)', () => {
    expect(decidePlan(sig(['1.1', 'uno', [2, 1]], ['1.2', 'dos', [3]]), undefined, a).action).toBe(
      'same',
    );
  });

  it('sends what changed here and not there', () => {
    expect(decidePlan(withNew, a, a)).toMatchObject({ action: 'send', onlyHere: ['1.3'] });
  });

  it('never sends an older copy over a plan that changed on the server', () => {
    expect(decidePlan(a, a, withNew)).toMatchObject({
      action: 'theirs-changed',
      onlyThere: ['1.3'],
    });
  });

  it('leaves it to the user when both changed, or when they never agreed', () => {
    const edited = sig(['1.1', 'uno (editada)', [1, 2]], ['1.2', 'dos', [3]]);
    expect(decidePlan(edited, a, withNew)).toMatchObject({
      action: 'diverged',
      onlyThere: ['1.3'],
      different: ['1.1'],
    });
    expect(decidePlan(a, undefined, withNew).action).toBe('diverged');
  });
});
