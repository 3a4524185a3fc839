import { z } from 'zod';
import { dashboardApi } from './api';
import { DashboardController } from './controller';
import './styles.css';

// Each answer is parsed once: compiling zod's fast paths (with `new Function`) costs more than it saves.
z.config({ jitless: true });

// The choices a manager makes live in the URL, so a link or a reload shows the same page.
const params = new URLSearchParams(window.location.search);
const session = Number(params.get('sesion'));
const controller = new DashboardController({
  // The page is at /dashboard/, the API at /api/ of the same app.
  api: dashboardApi(new URL('../api/', document.baseURI).href),
  programId: params.get('programa') || undefined,
  reportSession: Number.isInteger(session) && session > 0 ? session : undefined,
  onLocation({ programId, reportSession }) {
    const url = new URL(window.location.href);
    if (programId) url.searchParams.set('programa', programId);
    else url.searchParams.delete('programa');
    if (reportSession !== undefined) url.searchParams.set('sesion', String(reportSession));
    else url.searchParams.delete('sesion');
    window.history.replaceState(null, '', url);
  },
});
// The first requests leave now; React and the views load and start while the server answers.
controller.start();
void import('./ui/mount').then(({ mount }) => mount(document.getElementById('root')!, controller));
