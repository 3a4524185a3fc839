import { Deps } from '../deps';
import { documentImportQuery, planBody, programParams } from '../../../shared/api/requests';
import { body, fileBody, params, query } from '../parse';
import { answer, file, sendSerialized, serialized } from '../responses';
import {
  DOCUMENT_UPLOAD_BYTES,
  DOCX,
  importProgrammeDocument,
  readProgrammeDocument,
} from '../../services/documents';
import { RouteHandler } from '../route';
import { upsertPlan } from '../../services/upsert-plan';
import { Month } from '../../../shared/months';
import { readSnapshot, snapshotView } from '../../services/program-view';
import { API } from '../../../shared/api';

/** Every signed-in person gets the programmes they may read: all with an app role, else their memberships' (maybe none). */
export const listPrograms =
  ({ access }: Deps): RouteHandler =>
  async (_request, _context, principal) =>
    answer(API.listPrograms, await access.visiblePrograms(principal));

export const getProgram =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const snapshot = await readSnapshot(store, programId);
    return sendSerialized(
      snapshot.derive('program.json', () => serialized(API.getProgram, snapshotView(snapshot))),
      request.headers.get('accept-encoding'),
    );
  };

/**
 * The plan as read from a sheet: creates the programme or updates its plan. A month that stays
 * planned keeps its status; one taken out keeps its status and history, marked as unplanned.
 */
export const putPlan =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const { reprogramming, ...plan } = await body(request, planBody);
    const result = await upsertPlan(
      store,
      programId,
      { ...plan, activities: plan.activities.map((a) => ({ ...a, months: a.months as Month[] })) },
      { name: principal.name },
      {},
      reprogramming,
    );
    return answer(API.putPlan, result, {}, result.created ? 201 : 200);
  };

/** The programme's Word document, written from the store (once per version). */
export const getProgramDocument =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    const bytes = await readProgrammeDocument(store, programId);
    return file(Buffer.from(bytes), DOCX, `programa-${programId}.docx`);
  };

/** Admins: the plan a programme's Word document states, stored; the .docx is the body. */
export const importProgramDocument =
  ({ store }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId } = params(request, programParams);
    const { reason, agreement } = query(request, documentImportQuery);
    const bytes = await fileBody(request, DOCX, DOCUMENT_UPLOAD_BYTES);
    const reprogramming = reason && agreement ? { reason, agreement } : undefined;
    const result = await importProgrammeDocument(store, programId, bytes, principal, reprogramming);
    return answer(API.importProgramDocument, result);
  };
