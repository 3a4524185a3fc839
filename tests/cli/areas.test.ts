/** `pat area`: the responsible areas' people set and listed from the command line, bad input refused (exit 2) with nothing written. */
import { randomBytes } from 'node:crypto';
import { Store } from '../../backend/store/store';
import { expectNoStackTrace, pat } from '../helpers/cli';
import { testConnectionString } from '../helpers/server';

const env = {
  PAT_STORAGE_CONNECTION_STRING: testConnectionString(),
  PAT_TABLE_PREFIX: `a${randomBytes(5).toString('hex')}`,
};
const store = new Store({
  connectionString: env.PAT_STORAGE_CONNECTION_STRING,
  tablePrefix: env.PAT_TABLE_PREFIX,
});

it('sets an area’s people, lists every area with its activities, and refuses a person written wrong', async () => {
  expect(pat(['seed'], env).code).toBe(0);
  const set = pat(
    [
      'area',
      'set',
      '--programme',
      'cvoe-2021',
      '--area',
      'UTVOE',
      '--person',
      'Ana López <Ana.Lopez@iecm.mx>',
      '--person',
      'Beto Ruiz <beto.ruiz@iecm.mx>',
    ],
    env,
  );
  expect(set).toMatchObject({ code: 0, stdout: 'Área UTVOE de cvoe-2021: 2 personas.\n' });
  expect((await store.areas.list('cvoe-2021'))[0]!.people).toEqual([
    { name: 'Ana López', email: 'ana.lopez@iecm.mx' },
    { name: 'Beto Ruiz', email: 'beto.ruiz@iecm.mx' },
  ]);
  const list = pat(['area', 'list', '--programme', 'cvoe-2021'], env);
  expect(list.code).toBe(0);
  expect(list.stdout.split('\n').filter(Boolean)).toEqual([
    'UTVOE\t26 actividades\tAna López <ana.lopez@iecm.mx>; Beto Ruiz <beto.ruiz@iecm.mx>',
    'comision\t0 actividades\tnadie',
  ]);
  for (const person of ['Ana López ana.lopez@iecm.mx', 'Ana <no es correo>']) {
    const bad = pat(
      ['area', 'set', '--programme', 'cvoe-2021', '--area', 'UTVOE', '--person', person],
      env,
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--person');
    expectNoStackTrace(bad);
  }
  expect((await store.areas.list('cvoe-2021'))[0]!.people).toHaveLength(2);
});
