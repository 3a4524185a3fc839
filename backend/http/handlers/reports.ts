import {
  API,
  periodParams,
  periodReportQuery,
  programParams,
  reportParams,
  reportQuery,
} from '../../../shared/api';
import {
  freezePeriodReport,
  listFrozenReports,
  periodReportFile,
  readPeriodReport,
} from '../../services/period-reports';
import { sessionReportCsv } from '../../../shared/report/formats';
import { Deps } from '../deps';
import { readSessionReportAt } from '../../services/reports';
import { DOCX, XLSX, sessionReportXlsx } from '../../services/documents';
import { params, query } from '../parse';
import { answer, file, sendSerialized, serialized } from '../responses';
import { RouteHandler } from '../route';

/** The session report of ordinary session `number`: `?format=json` (default), `csv` or `xlsx`. */
export const getSessionReport =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId, number } = params(request, reportParams);
    const { format } = query(request, reportQuery);
    const { snapshot, report } = await readSessionReportAt(store, programId, number);
    const name = `informe-sesion-${String(number).padStart(2, '0')}-${programId}`;
    if (format === 'csv')
      return file(sessionReportCsv(report), 'text/csv; charset=utf-8', `${name}.csv`);
    if (format === 'xlsx')
      return file(Buffer.from(await sessionReportXlsx(snapshot, number)), XLSX, `${name}.xlsx`);
    return sendSerialized(
      snapshot.derive(`report ${number}.json`, () => serialized(API.getSessionReport, report)),
      request.headers.get('accept-encoding'),
    );
  };

/** The periods whose report was frozen. */
export const listPeriodReports =
  ({ store }: Deps): RouteHandler =>
  async (request) => {
    const { programId } = params(request, programParams);
    return answer(API.listPeriodReports, await listFrozenReports(store, programId));
  };

/** Editors: freeze the report of a quarter or the year (201; 409 when frozen before). */
export const postPeriodReport =
  ({ store, now }: Deps): RouteHandler =>
  async (request, _context, principal) => {
    const { programId, period } = params(request, periodParams);
    return answer(
      API.freezePeriodReport,
      await freezePeriodReport(store, programId, period, principal, now()),
      {},
      201,
    );
  };

/** The frozen report of the period, or a preview: `?format=json` (default), `xlsx` or `docx`. */
export const getPeriodReport =
  ({ store, now }: Deps): RouteHandler =>
  async (request) => {
    const { programId, period } = params(request, periodParams);
    const { format } = query(request, periodReportQuery);
    if (format === 'json')
      return answer(API.getPeriodReport, await readPeriodReport(store, programId, period, now()));
    const name = `informe-${period}-${programId}.${format}`;
    const { bytes } = await periodReportFile(store, programId, period, format, now());
    return file(Buffer.from(bytes), format === 'xlsx' ? XLSX : DOCX, name);
  };
