import { useDeferredValue, useMemo, useSyncExternalStore } from 'react';
import {
  overdueActivities,
  progressByAxis,
  upcomingSessions,
} from '../../../shared/report/progress';
import { DashboardController, isAdmin, isEditor } from '../controller';
import { dateText, timeOfDay } from '../format';
import { roleText } from '../../../shared/api';
import { localModeText } from '../../../shared/local-mode';
import { Loading, Problem, Section, SignIn } from './common';
import { Exports, Feeds } from './Files';
import { Grid } from './Grid';
import { History } from './History';
import { DocumentImport } from './DocumentImport';
import { Members } from './Members';
import { Areas } from './Areas';
import { Overdue, Progress, Upcoming } from './Overview';
import { Report } from './Report';
import { PeriodReport } from './PeriodReport';
import { StatusLine, Year } from './Year';

function Updated({ state }: { state: DashboardController['state'] }) {
  if (state.failures > 0)
    return (
      <p className="updated problem" role="status">
        No se pudo actualizar
        {state.updatedAt ? ` (los datos son de las ${timeOfDay(state.updatedAt)})` : ''}.
        {state.nextAt ? ` Nuevo intento a las ${timeOfDay(state.nextAt)}.` : ''}
      </p>
    );
  return (
    <p className="updated muted" data-testid="updated">
      {state.updatedAt
        ? `Actualizado a las ${timeOfDay(state.updatedAt)}`
        : state.refreshing
          ? 'Cargando…'
          : ''}
    </p>
  );
}

export function App({ controller }: { controller: DashboardController }) {
  const state = useSyncExternalStore(controller.subscribe, controller.getState);
  const program = state.program?.data;
  const calendar = state.sessions?.data;
  const { today } = state;
  const editor = isEditor(state);
  const figures = useMemo(
    () =>
      program && {
        progress: progressByAxis(program, today),
        overdue: overdueActivities(program, today),
      },
    [program, today],
  );
  const upcoming = useMemo(() => calendar && upcomingSessions(calendar, today), [calendar, today]);
  // The long parts below (the grid, the report, history) render after the figures above are painted.
  const later = useDeferredValue(state);
  const laterProgram = later.program?.data;
  const programs = state.programs?.data ?? [];
  const programId = state.programId;
  // «Modo local»: the dev host signs every request in itself; there is no sign-in to offer.
  const local = state.auth?.mode === 'none' ? state.auth.localIdentity : undefined;

  return (
    <>
      <a className="skip no-print" href="#contenido">
        Saltar al contenido
      </a>
      <header className="top">
        <div className="title">
          <h1>Tablero del Programa Anual de Trabajo</h1>
          <p className="subtitle">
            {program ? program.title : (programs.find((p) => p.id === programId)?.title ?? '')}
          </p>
          {program && <StatusLine program={program} />}
          <p className="print-only">Situación al {dateText(today)}.</p>
        </div>
        <div className="controls no-print">
          <div className="field">
            <label htmlFor="programa">Programa</label>
            <select
              id="programa"
              value={programId ?? ''}
              onChange={(e) => void controller.selectProgram(e.target.value)}
            >
              {!programs.some((p) => p.id === programId) && (
                <option value={programId ?? ''}>{programId ?? 'Elija un programa'}</option>
              )}
              {programs.map((p) => (
                <option key={p.id} value={p.id}>
                  PAT {p.year} ({p.id})
                </option>
              ))}
            </select>
          </div>
          <div className="buttons">
            <button type="button" onClick={() => void controller.refresh()}>
              Actualizar
            </button>
            <button type="button" onClick={() => window.print()}>
              Imprimir
            </button>
          </div>
        </div>
        <div className="status-line no-print">
          <Updated state={state} />
          {state.me && (
            <p className="muted who-am-i" data-testid="me">
              {state.me.data.name} · {roleText(state.me.data.roles)}
              {state.auth?.appService && (
                <>
                  {' · '}
                  <a
                    href={`/.auth/logout?post_logout_redirect_uri=${encodeURIComponent('/dashboard/')}`}
                  >
                    Cerrar sesión
                  </a>
                </>
              )}
            </p>
          )}
        </div>
        {local && (
          <p className="local-mode no-print" role="note" data-testid="local-mode">
            {state.signInNeeded
              ? // The dev host signs in only callers on its own machine: this one was refused.
                'Modo local: este servidor de desarrollo no tiene inicio de sesión y solo deja entrar a quien abre el tablero en el mismo equipo donde corre.'
              : localModeText(local)}
          </p>
        )}
      </header>
      {state.signInNeeded && !local && <SignIn what="ver el tablero" />}
      <main id="contenido" tabIndex={-1}>
        {/* With figures on screen, a failed refresh is said once, in the header. */}
        {!program && <Problem text={state.errors.program ?? state.errors.programs} />}
        {state.programs && programs.length === 0 && !programId ? (
          <p className="panel" role="status" data-testid="no-programs">
            Todavía no tiene programas que consultar. Pida a un administrador de PAT Cronograma que
            lo agregue como miembro de un programa, o el rol «viewer» para consultarlos todos.
          </p>
        ) : !program || !figures ? (
          !state.errors.program && !state.errors.programs && <Loading what="el programa" />
        ) : (
          <>
            <div className="columns">
              <Progress
                axes={figures.progress.axes}
                overall={figures.progress.overall}
                today={today}
                year={program.year}
              />
              {calendar && upcoming ? (
                <Upcoming
                  sessions={upcoming}
                  year={calendar.year}
                  onReport={(n) => void controller.selectReportSession(n)}
                />
              ) : (
                <Section id="sesiones" title="Próximas sesiones">
                  <Problem text={state.errors.sessions} />
                  {!state.errors.sessions && <Loading what="el calendario" />}
                </Section>
              )}
            </div>
            <Overdue activities={figures.overdue} />
            {laterProgram ? (
              <Grid program={laterProgram} today={later.today} />
            ) : (
              <Loading what="el cronograma" />
            )}
            {later.sessions && (
              <Report
                sessions={later.sessions.data}
                selected={later.reportSession}
                report={later.report?.data}
                error={later.report ? undefined : later.errors.report}
                files={(format) =>
                  programId && later.reportSession !== undefined
                    ? controller.files.report(programId, later.reportSession, format)
                    : undefined
                }
                onSelect={(n) => void controller.selectReportSession(n)}
              />
            )}
            {laterProgram && (
              <Year
                program={laterProgram}
                reprogrammings={later.reprogrammings?.data}
                admin={isAdmin(later)}
                working={later.working}
                errors={{
                  year: later.errors.year,
                  draft: later.errors.draft,
                  reprogrammings: later.errors.reprogrammings,
                }}
                draft={later.draft}
                onStep={(step) => controller.moveLifecycle(step)}
                onDraft={(request) => controller.draftNextYear(request)}
                onOpen={(id) => void controller.selectProgram(id)}
              />
            )}
            {laterProgram && (
              <PeriodReport
                year={laterProgram.year}
                period={later.period}
                report={later.periodReport?.data}
                frozen={later.frozenReports?.data}
                editor={isEditor(later)}
                working={later.working}
                error={later.periodReport ? undefined : later.errors.periodReport}
                files={(format) =>
                  programId && later.period
                    ? controller.files.periodReport(programId, later.period, format)
                    : undefined
                }
                onSelect={(period) => void controller.selectPeriod(period)}
                onFreeze={() => void controller.freezeReport()}
              />
            )}
            {laterProgram && (
              <History
                page={later.history?.data}
                pageNumber={later.historyPages.length}
                program={laterProgram}
                error={later.history ? undefined : later.errors.history}
                onNewer={() => void controller.newerHistory()}
                onOlder={() => void controller.olderHistory()}
              />
            )}
            {programId && (
              <Exports
                list={later.exports?.data}
                error={later.exports ? undefined : later.errors.exports}
                href={(date, name) => controller.files.export(programId, date, name)}
                document={{
                  href: controller.files.document(programId),
                  name: `programa-${programId}.docx`,
                }}
              />
            )}
            {editor && (
              <Feeds
                list={state.feeds?.data}
                created={state.createdFeed}
                error={state.errors.feeds}
                working={state.working}
                onCreate={() => void controller.createFeed()}
                onRevoke={(id) => void controller.revokeFeed(id)}
              />
            )}
            {isAdmin(state) && (
              <DocumentImport
                error={state.errors.document}
                working={state.working}
                ratified={program.status === 'ratificado'}
                onImport={(file, reprogramming) => controller.importDocument(file, reprogramming)}
              />
            )}
            {isAdmin(state) && (
              <Areas
                list={state.areas?.data}
                error={state.errors.areas}
                working={state.working}
                onSave={(area, people) => controller.setArea(area, people)}
              />
            )}
            {isAdmin(state) && (
              <Members
                list={state.members?.data}
                error={state.errors.members}
                working={state.working}
                onAdd={(member) => controller.addMember(member)}
                onRemove={(kind, id) => void controller.removeMember(kind, id)}
              />
            )}
          </>
        )}
      </main>
    </>
  );
}
