import { API, exportFileParams, programParams } from '../../../shared/api';
import { Deps } from '../../deps';
import { params } from '../parse';
import { answer, file } from '../responses';
import { RouteHandler } from '../route';

/** Every day's published export set, newest first. */
export const listExports =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    await store.requireProgram(programId);
    return answer(API.listExports, { exports: await store.exports.list(programId) });
  };

export const getExport =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, date, name } = params(request, exportFileParams);
    await store.requireProgram(programId);
    const { file: found, body } = await store.exports.read(programId, date, name);
    return file(body, found.contentType, found.name);
  };
