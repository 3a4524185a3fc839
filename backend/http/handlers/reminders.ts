import {
  API,
  areaBody,
  areaParams,
  monthParams,
  optOutParams,
  programParams,
  statusBody,
} from '../../../shared/api';
import { listAreas, optOut, putArea, readMyMonths, setMyMonth } from '../../services/reminders';
import { Deps } from '../deps';
import { body, ifMatch, params } from '../parse';
import { answer } from '../responses';
import { RouteHandler } from '../route';

export const getAreas =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listAreas, await listAreas(store, programId));
  };

export const putAreaPeople =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, area } = params(request, areaParams);
    const { people } = await body(request, areaBody);
    return answer(API.putArea, await putArea(store, programId, area, people, principal));
  };

/** The update page's list: the signed-in person's due and overdue months. */
export const getMyMonths =
  ({ store, now }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    return answer(API.myMonths, await readMyMonths(store, programId, principal, now()));
  };

/** A month of the person's areas, over the ETag they saw; another area's: 403. */
export const patchMyMonth =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, activityId, month } = params(request, monthParams);
    const etag = ifMatch(request);
    const change = await body(request, statusBody);
    const saved = await setMyMonth(
      store,
      programId,
      { activityId, month, etag },
      change,
      principal,
    );
    return answer(API.patchMyMonth, saved, { ETag: saved.etag });
  };

const PAGE = (programId: string) => `<!DOCTYPE html>
<html lang="es">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dejar de recibir recordatorios</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:2rem auto;padding:0 1rem;line-height:1.5}button{font:inherit;padding:.5rem 1rem}</style>
</head>
<body>
<main>
<h1>Dejar de recibir recordatorios</h1>
<p>Ya no le llegarán los recordatorios del programa «${programId}» a esta dirección. Un administrador verá que los dejó de recibir.</p>
<button type="button" id="confirmar">Confirmar</button>
<p id="resultado" role="status"></p>
</main>
<script>
document.getElementById('confirmar').addEventListener('click', async () => {
  const out = document.getElementById('resultado');
  try {
    const r = await fetch(location.pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    out.textContent = r.ok ? 'Listo: ya no recibirá estos recordatorios.' : ((await r.json()).errors?.[0]?.message ?? 'No se pudo: intente de nuevo.');
  } catch { out.textContent = 'No se pudo: intente de nuevo.'; }
});
</script>
</body>
</html>
`;

/** The opt-out link leads here: a page that asks to confirm (mail scanners follow links; only the POST opts out). */
export const getOptOutPage =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, optOutParams);
    await store.programmes.require(programId);
    return {
      status: 200,
      headers: {
        'Content-Type': 'text/html; charset=utf-8',
        'Cache-Control': 'no-store',
        'Content-Security-Policy':
          "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'",
      },
      body: PAGE(programId),
    };
  };

export const postOptOut =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, token } = params(request, optOutParams);
    const { email } = await optOut(store, programId, token);
    return answer(API.optOut, { optedOut: true, email });
  };
