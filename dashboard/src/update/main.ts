/**
 * The update page (`/dashboard/actualizar/?programa=…`, where the reminders' link leads): the
 * signed-in person's due and overdue months, each saved through the API.
 */
import { createElement } from 'react';
import { createRoot } from 'react-dom/client';
import { z } from 'zod';
import { updateApi } from './api';
import { UpdateController } from './controller';
import { UpdatePage } from './ui/UpdatePage';
import '../styles.css';
import './update.css';

// Each answer is parsed once: compiling zod's fast paths (with `new Function`) costs more than it saves.
z.config({ jitless: true });

const params = new URLSearchParams(window.location.search);
const controller = new UpdateController({
  // The page is at /dashboard/actualizar/, the API at /api/ of the same app.
  api: updateApi(new URL('../../api/', document.baseURI).href),
  programId: params.get('programa') || undefined,
});
void controller.start();
// A month changed and not saved: the browser asks before the page is left.
window.addEventListener('beforeunload', (event) => {
  if (controller.hasUnsaved()) event.preventDefault();
});
createRoot(document.getElementById('root')!).render(createElement(UpdatePage, { controller }));
