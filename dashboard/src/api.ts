/**
 * The API as the dashboard uses it: the contract's one client (`shared/api/client.ts`), every
 * answer parsed with its route's schema, with the dashboard's hook on top — GETs are revalidated:
 * the last answer's ETag goes back as `If-None-Match`, and a 304 keeps the data already held (a
 * route that sends no ETag is simply fetched again). Requests go with the page's cookies (App
 * Service authentication); a refusal whose answer says nothing is told in the page's words.
 */
import { z } from 'zod';
import { Answer, ApiError, Fresh, contractClient } from '../../shared/api/client';
import { API } from '../../shared/api/routes';

export { ApiError };
export type { Fresh };

export type ProgramList = z.output<typeof API.listPrograms.response>;
export type ProgramView = z.output<typeof API.getProgram.response>;
export type CalendarView = z.output<typeof API.getSessions.response>;
export type HistoryPage = z.output<typeof API.history.response>;
export type SessionReport = z.output<typeof API.getSessionReport.response>;
export type ExportList = z.output<typeof API.listExports.response>;
export type FeedList = z.output<typeof API.listCalendarFeeds.response>;
export type FeedCreated = z.output<typeof API.createCalendarFeed.response>;
export type Me = z.output<typeof API.me.response>;
export type AuthConfig = z.output<typeof API.authConfig.response>;
export type MemberList = z.output<typeof API.listMembers.response>;
export type DocumentImport = z.output<typeof API.importProgramDocument.response>;
export type LifecycleAnswer = z.output<typeof API.moveLifecycle.response>;
export type LifecycleRequest = {
  step: 'aprobado' | 'ratificado';
  agreement: string;
  date: string;
  session?: string;
};
export type Reprogrammings = z.output<typeof API.listReprogrammings.response>;
export type DraftAnswer = z.output<typeof API.draftNextYear.response>;
export type FrozenReports = z.output<typeof API.listPeriodReports.response>;
export type PeriodReport = z.output<typeof API.getPeriodReport.response>;
export type AreaList = z.output<typeof API.listAreas.response>;
/** The media type of a Word document (.docx), as the upload route takes it. */
export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
export type NewMember = {
  kind: 'user' | 'group';
  id: string;
  role: 'editor' | 'viewer';
  name: string;
};

export interface DashboardApi {
  /** Who is asking, and their roles over `programId` (app-wide without one). */
  me(programId: string | undefined, previous?: Fresh<Me>): Promise<Fresh<Me>>;
  programs(previous?: Fresh<ProgramList>): Promise<Fresh<ProgramList>>;
  /** How the server signs people in. */
  authConfig(): Promise<AuthConfig>;
  program(programId: string, previous?: Fresh<ProgramView>): Promise<Fresh<ProgramView>>;
  sessions(programId: string, previous?: Fresh<CalendarView>): Promise<Fresh<CalendarView>>;
  history(
    programId: string,
    page: { pageSize: number; continuationToken?: string },
    previous?: Fresh<HistoryPage>,
  ): Promise<Fresh<HistoryPage>>;
  report(
    programId: string,
    session: number,
    previous?: Fresh<SessionReport>,
  ): Promise<Fresh<SessionReport>>;
  exports(programId: string, previous?: Fresh<ExportList>): Promise<Fresh<ExportList>>;
  feeds(programId: string, previous?: Fresh<FeedList>): Promise<Fresh<FeedList>>;
  createFeed(programId: string): Promise<FeedCreated>;
  revokeFeed(programId: string, feed: string): Promise<void>;
  /** Admins: who may write or read the programme. */
  members(programId: string, previous?: Fresh<MemberList>): Promise<Fresh<MemberList>>;
  putMember(programId: string, member: NewMember): Promise<void>;
  removeMember(programId: string, kind: NewMember['kind'], id: string): Promise<void>;
  /** Download links (the browser fetches them itself). */
  reportFile(programId: string, session: number, format: 'xlsx' | 'csv'): string;
  exportFile(programId: string, date: string, name: string): string;
  /** The programme's Word document. */
  documentFile(programId: string): string;
  /** Admins: the plan a programme's Word document states, stored. */
  importDocument(
    programId: string,
    file: Blob,
    reprogramming?: { reason: string; agreement: string },
  ): Promise<DocumentImport>;
  /** Admins: approve or ratify. */
  moveLifecycle(programId: string, step: LifecycleRequest): Promise<LifecycleAnswer>;
  reprogrammings(
    programId: string,
    previous?: Fresh<Reprogrammings>,
  ): Promise<Fresh<Reprogrammings>>;
  /** Admins: next year's draft. */
  draft(programId: string, request: { year: number; id: string }): Promise<DraftAnswer>;
  frozenReports(programId: string, previous?: Fresh<FrozenReports>): Promise<Fresh<FrozenReports>>;
  periodReport(
    programId: string,
    period: string,
    previous?: Fresh<PeriodReport>,
  ): Promise<Fresh<PeriodReport>>;
  /** Editors: the period's report, frozen now. */
  freezeReport(programId: string, period: string): Promise<PeriodReport>;
  periodReportFile(programId: string, period: string, format: 'xlsx' | 'docx'): string;
  /** Admins: the responsible areas and their people. */
  areas(programId: string, previous?: Fresh<AreaList>): Promise<Fresh<AreaList>>;
  putArea(
    programId: string,
    area: string,
    people: { name: string; email: string }[],
  ): Promise<void>;
}

/** `root`: where /api/ is, e.g. `http://host/api/`. */
export function dashboardApi(root: string, timeoutMs = 10_000): DashboardApi {
  const client = contractClient({
    root,
    fetch: (url, init) =>
      fetch(url, { ...init, credentials: 'same-origin', signal: AbortSignal.timeout(timeoutMs) }),
    messages: {
      unexpected: 'La respuesta del servidor no es la esperada: recargue la página.',
      byStatus: {
        401: 'Su sesión terminó: recargue la página para iniciar sesión.',
        403: 'Su cuenta no tiene permiso para esto.',
        404: 'No existe o aún no está disponible en este servidor.',
        503: 'El servidor no está disponible por ahora.',
      },
    },
  });
  const p = (programId: string) => ({ params: { programId } });
  /** A programme's GET, revalidated. */
  const ofProgram =
    <R extends Parameters<typeof client.revalidate>[0]>(route: R) =>
    (programId: string, previous?: Fresh<Answer<R>>) =>
      client.revalidate(route, p(programId), previous);

  return {
    me: (programId, previous) => client.revalidate(API.me, { query: { programId } }, previous),
    programs: (previous) => client.revalidate(API.listPrograms, {}, previous),
    authConfig: async () => (await client.revalidate(API.authConfig)).data,
    program: ofProgram(API.getProgram),
    sessions: ofProgram(API.getSessions),
    history: (programId, page, previous) =>
      client.revalidate(API.history, { ...p(programId), query: page }, previous),
    report: (programId, number, previous) =>
      client.revalidate(
        API.getSessionReport,
        { params: { programId, number }, query: { format: 'json' } },
        previous,
      ),
    exports: ofProgram(API.listExports),
    feeds: ofProgram(API.listCalendarFeeds),
    createFeed: (programId) => client.call(API.createCalendarFeed, { ...p(programId), body: {} }),
    async revokeFeed(programId, feed) {
      await client.call(API.revokeCalendarFeed, { params: { programId, feed } });
    },
    members: ofProgram(API.listMembers),
    async putMember(programId, { kind, id, role, name }) {
      await client.call(API.putMember, {
        params: { programId, kind, memberId: id },
        body: { role, name },
      });
    },
    async removeMember(programId, kind, memberId) {
      await client.call(API.removeMember, { params: { programId, kind, memberId } });
    },
    reportFile: (programId, number, format) =>
      client.url(API.getSessionReport, { params: { programId, number }, query: { format } }),
    documentFile: (programId) => client.url(API.getProgramDocument, p(programId)),
    importDocument: (programId, file, reprogramming) =>
      client.call(API.importProgramDocument, {
        ...p(programId),
        ...(reprogramming ? { query: reprogramming } : {}),
        file: { bytes: file, type: DOCX_TYPE },
      }),
    moveLifecycle: (programId, step) =>
      client.call(API.moveLifecycle, { ...p(programId), body: step }),
    reprogrammings: ofProgram(API.listReprogrammings),
    draft: (programId, request) =>
      client.call(API.draftNextYear, { ...p(programId), body: request }),
    frozenReports: ofProgram(API.listPeriodReports),
    periodReport: (programId, period, previous) =>
      client.revalidate(
        API.getPeriodReport,
        { params: { programId, period }, query: { format: 'json' } },
        previous,
      ),
    freezeReport: (programId, period) =>
      client.call(API.freezePeriodReport, { params: { programId, period }, body: {} }),
    periodReportFile: (programId, period, format) =>
      client.url(API.getPeriodReport, { params: { programId, period }, query: { format } }),
    areas: ofProgram(API.listAreas),
    async putArea(programId, area, people) {
      await client.call(API.putArea, { params: { programId, area }, body: { people } });
    },
    exportFile: (programId, date, name) =>
      client.url(API.getExport, { params: { programId, date, name } }),
  };
}
