import { API, reportParams, reportQuery } from '../../../shared/api';
import { sessionReportCsv } from '../../../shared/report/formats';
import { Deps } from '../deps';
import { readSessionReportAt } from '../../services/reports';
import { XLSX, sessionReportXlsx } from '../../services/documents';
import { params, query } from '../parse';
import { file, sendSerialized, serialized } from '../responses';
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
