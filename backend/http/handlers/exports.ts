import { API, exportFileParams, programParams } from '../../../shared/api';
import { Deps } from '../deps';
import { listExportFiles, readExportFile } from '../../services/exports';
import { params } from '../parse';
import { answer, file } from '../responses';
import { RouteHandler } from '../route';

/** Every day's published export set, newest first. */
export const listExports =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listExports, { exports: await listExportFiles(store, programId) });
  };

export const getExport =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, date, name } = params(request, exportFileParams);
    const { file: found, body } = await readExportFile(store, programId, date, name);
    return file(body, found.contentType, found.name);
  };
