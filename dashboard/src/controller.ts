/**
 * What the dashboard holds and does, without React: it loads the chosen programme's figures from
 * the API (revalidating with ETags), keeps what it showed when a round fails, and carries out the
 * few actions a page offers. When the rounds run (every 30 s; 1, 2, 4… minutes after failures,
 * at most 5) is `polling.ts`. The views subscribe to it and only read `state`.
 */
import {
  ApiError,
  AuthConfig,
  CalendarView,
  DashboardApi,
  ExportList,
  FeedCreated,
  FeedList,
  Fresh,
  HistoryPage,
  Me,
  DocumentImport,
  MemberList,
  NewMember,
  ProgramList,
  ProgramView,
  SessionReport,
  DraftAnswer,
  FrozenReports,
  LifecycleRequest,
  PeriodReport,
  Reprogrammings,
  AreaList,
} from './api';
import { dateInMexicoCity } from './format';
import { Poller, poller } from './polling';

export const HISTORY_PAGE_SIZE = 20;

export type Section =
  | 'programs'
  | 'program'
  | 'sessions'
  | 'report'
  | 'history'
  | 'exports'
  | 'feeds'
  | 'members'
  | 'document'
  | 'year'
  | 'draft'
  | 'reprogrammings'
  | 'periodReport'
  | 'areas'
  | 'me';

export interface DashboardState {
  programId?: string;
  programs?: Fresh<ProgramList>;
  /** Who is looking; undefined until known (no write controls meanwhile). */
  me?: Fresh<Me>;
  program?: Fresh<ProgramView>;
  sessions?: Fresh<CalendarView>;
  /** The ordinary session whose report is shown: the one chosen, else the next one. */
  reportSession?: number;
  reportChosen: boolean;
  report?: Fresh<SessionReport>;
  /** The continuation token of each history page up to the one shown (undefined: the newest). */
  historyPages: (string | undefined)[];
  history?: Fresh<HistoryPage>;
  exports?: Fresh<ExportList>;
  feeds?: Fresh<FeedList>;
  /** Admins only: the programme's members. */
  members?: Fresh<MemberList>;
  /** Admins only: the responsible areas and their people. */
  areas?: Fresh<AreaList>;
  /** A ratified programme's reprogramaciones. */
  reprogrammings?: Fresh<Reprogrammings>;
  /** The periods whose report to the Consejo General was frozen. */
  frozenReports?: Fresh<FrozenReports>;
  /** The period whose report is shown (`2021-T2`, `2021`): the quarter of today by default. */
  period?: string;
  periodReport?: Fresh<PeriodReport>;
  /** Next year's draft just made, with what differs. */
  draft?: DraftAnswer;
  /** A feed just made: its URL is shown this once. */
  createdFeed?: FeedCreated;
  errors: Partial<Record<Section, string>>;
  /** Today in Mexico City (YYYY-MM-DD): what "to date" and "overdue" are judged against. */
  today: string;
  /** The server refused the page's requests for want of a sign-in (401). */
  signInNeeded?: boolean;
  /** How the server signs people in: the dashboard offers App Service's sign-in and sign-out. */
  auth?: AuthConfig;
  updatedAt?: Date;
  /** Failed refreshes in a row, and when the next try is. */
  failures: number;
  nextAt?: Date;
  refreshing: boolean;
  working: boolean;
}

export interface ControllerOptions {
  api: DashboardApi;
  programId?: string;
  reportSession?: number;
  now?: () => Date;
  /** The choices worth keeping in the page's URL. */
  onLocation?: (location: { programId?: string; reportSession?: number }) => void;
}

/** Write controls are for editors of the programme shown (an admin may do everything). */
export const isEditor = (state: DashboardState): boolean =>
  state.me?.data.roles.some((r) => r === 'editor' || r === 'admin') ?? false;

/** The quarter a report is for by default: today's within the programme's year, else its last. */
export function defaultPeriod(year: number, today: string): string {
  const quarter = today.startsWith(`${year}-`) ? Math.ceil(Number(today.slice(5, 7)) / 3) : 4;
  return `${year}-T${quarter}`;
}

/** Memberships are managed by admins. */
export const isAdmin = (state: DashboardState): boolean =>
  state.me?.data.roles.includes('admin') ?? false;

/** The session a report is for by default: the next ordinary one, or the year's last once it passed. */
export function defaultReportSession(calendar: CalendarView, today: string): number | undefined {
  const ordinary = calendar.sessions.filter((s) => s.type === 'ordinaria');
  return (ordinary.find((s) => s.date >= today) ?? ordinary[ordinary.length - 1])?.number;
}

/** The programme to open when the URL names none: this year's, else the latest. */
export function defaultProgram(programs: ProgramList, today: string): string | undefined {
  const year = Number(today.slice(0, 4));
  const sorted = [...programs].sort((a, b) => b.year - a.year || a.id.localeCompare(b.id));
  return (sorted.find((p) => p.year === year) ?? sorted.find((p) => p.year < year) ?? sorted[0])
    ?.id;
}

const message = (error: unknown): string =>
  error instanceof Error ? error.message : 'Error inesperado.';
/** The server (or the network) is failing, not just one route. */
const serious = (error: unknown): boolean =>
  !(error instanceof ApiError) || error.status === 0 || error.status >= 500;

export class DashboardController {
  state: DashboardState;
  private readonly listeners = new Set<() => void>();
  private readonly poller: Poller;
  /** Bumped when the programme changes: answers for the previous one are dropped. */
  private generation = 0;
  private readonly now: () => Date;
  /** Download links: the browser fetches them itself. */
  readonly files: {
    report: DashboardApi['reportFile'];
    export: DashboardApi['exportFile'];
    document: DashboardApi['documentFile'];
    periodReport: DashboardApi['periodReportFile'];
  };

  constructor(private readonly options: ControllerOptions) {
    this.now = options.now ?? (() => new Date());
    this.files = {
      report: options.api.reportFile,
      export: options.api.exportFile,
      document: options.api.documentFile,
      periodReport: options.api.periodReportFile,
    };
    this.state = {
      programId: options.programId,
      reportSession: options.reportSession,
      reportChosen: options.reportSession !== undefined,
      historyPages: [undefined],
      errors: {},
      today: dateInMexicoCity(this.now()),
      failures: 0,
      refreshing: false,
      working: false,
    };
    this.poller = poller({
      round: () => this.load(),
      failures: () => this.state.failures,
      onScheduled: (nextAt) => this.set({ nextAt }),
      now: this.now,
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): DashboardState => this.state;

  private set(patch: Partial<DashboardState>): void {
    this.state = { ...this.state, ...patch };
    for (const l of this.listeners) l();
  }

  private setError(section: Section, error: string | undefined): void {
    const errors = { ...this.state.errors };
    if (error === undefined) delete errors[section];
    else errors[section] = error;
    this.set({ errors });
  }

  start(): void {
    this.poller.start();
  }

  stop(): void {
    this.poller.stop();
  }

  /** Loads everything now (a refresh already under way is followed by one more), then polls again. */
  refresh(): Promise<void> {
    return this.poller.refresh();
  }

  /** One round: every section the page shows, each in parallel where it can be. */
  private async load(): Promise<void> {
    const generation = this.generation;
    this.set({ refreshing: true, today: dateInMexicoCity(this.now()) });
    const failures: unknown[] = [];
    /** Runs one request; its error goes to its section (and counts when the server is failing). */
    const attempt = async <T>(
      section: Section,
      request: () => Promise<T>,
      apply: (value: T) => void,
      required = false,
    ): Promise<boolean> => {
      try {
        const value = await request();
        if (generation !== this.generation) return false;
        apply(value);
        this.setError(section, undefined);
        return true;
      } catch (error) {
        if (generation !== this.generation) return false;
        if (error instanceof ApiError && error.status === 401) this.set({ signInNeeded: true });
        this.setError(section, message(error));
        // A missing programme is said in its section; only a failing server counts as a failed refresh.
        const missing = error instanceof ApiError && error.status === 404;
        if (serious(error) || (required && !missing)) failures.push(error);
        return false;
      }
    };
    const { api } = this.options;

    const programs = () =>
      attempt(
        'programs',
        () => api.programs(this.state.programs),
        (programs) => this.set({ programs }),
        true,
      );
    let listed: Promise<boolean> | undefined;
    if (!this.state.programId) {
      await (listed = programs());
      const chosen =
        this.state.programs && defaultProgram(this.state.programs.data, this.state.today);
      if (chosen && generation === this.generation) {
        this.set({ programId: chosen });
        this.location();
      }
    }
    const programId = this.state.programId;
    // First what the top of the page shows, alone, so the server answers it soonest…
    if (programId)
      await Promise.all([
        attempt(
          'program',
          () => api.program(programId, this.state.program),
          (program) => this.set({ program }),
          true,
        ),
        attempt(
          'sessions',
          () => api.sessions(programId, this.state.sessions),
          (sessions) => this.set({ sessions }),
        ),
      ]);
    // …then the rest.
    await Promise.all([
      this.state.auth
        ? undefined
        : api.authConfig().then(
            (auth) => this.set({ auth }),
            () => undefined,
          ),
      listed ?? programs(),
      attempt(
        'me',
        () => api.me(programId, this.state.me),
        (me) => this.set({ me, signInNeeded: false }),
      ).then(() =>
        Promise.all([this.loadFeeds(attempt), this.loadMembers(attempt), this.loadAreas(attempt)]),
      ),
      ...(programId
        ? [
            this.loadReprogrammings(attempt),
            this.loadPeriodReport(attempt),
            attempt(
              'periodReport',
              () => api.frozenReports(programId, this.state.frozenReports),
              (frozenReports) => this.set({ frozenReports }),
            ),
            this.loadReport(attempt),
            this.loadHistory(attempt),
            attempt(
              'exports',
              () => api.exports(programId, this.state.exports),
              (exports) => this.set({ exports }),
            ),
          ]
        : []),
    ]);
    if (generation !== this.generation) return;
    const failed = failures.length > 0;
    this.set({
      refreshing: false,
      failures: failed ? this.state.failures + 1 : 0,
      ...(failed ? {} : { updatedAt: this.now() }),
    });
  }

  private loadReport(attempt: Attempt): Promise<boolean> {
    const { programId, sessions } = this.state;
    if (!programId || !sessions) return Promise.resolve(false);
    const number = this.state.reportChosen
      ? this.state.reportSession
      : defaultReportSession(sessions.data, this.state.today);
    if (number === undefined) return Promise.resolve(false);
    if (number !== this.state.reportSession) this.set({ reportSession: number, report: undefined });
    return attempt(
      'report',
      () => this.options.api.report(programId, number, this.state.report),
      (report) => {
        if (this.state.reportSession === number) this.set({ report });
      },
    );
  }

  private loadAreas(attempt: Attempt): Promise<boolean> {
    const { programId } = this.state;
    if (!programId || !isAdmin(this.state)) return Promise.resolve(false);
    return attempt(
      'areas',
      () => this.options.api.areas(programId, this.state.areas),
      (areas) => this.set({ areas }),
    );
  }

  /** Admins: the area's people, replaced. */
  setArea(area: string, people: { name: string; email: string }[]): Promise<boolean> {
    return this.change('areas', (programId) => this.options.api.putArea(programId, area, people));
  }

  private loadReprogrammings(attempt: Attempt): Promise<boolean> {
    const { programId, program } = this.state;
    if (!programId || program?.data.status !== 'ratificado') return Promise.resolve(false);
    return attempt(
      'reprogrammings',
      () => this.options.api.reprogrammings(programId, this.state.reprogrammings),
      (reprogrammings) => this.set({ reprogrammings }),
    );
  }

  private loadPeriodReport(attempt: Attempt): Promise<boolean> {
    const { programId, program } = this.state;
    if (!programId || !program) return Promise.resolve(false);
    const period = this.state.period ?? defaultPeriod(program.data.year, this.state.today);
    if (period !== this.state.period) this.set({ period, periodReport: undefined });
    return attempt(
      'periodReport',
      () => this.options.api.periodReport(programId, period, this.state.periodReport),
      (periodReport) => {
        if (this.state.period === period) this.set({ periodReport });
      },
    );
  }

  /** The report of another period. */
  async selectPeriod(period: string): Promise<void> {
    this.set({ period, periodReport: undefined });
    await this.loadPeriodReport(this.single());
  }

  /** Editors: the shown period's report, frozen now. */
  async freezeReport(): Promise<void> {
    const { period } = this.state;
    if (!period) return;
    await this.change('periodReport', async (programId) => {
      await this.options.api.freezeReport(programId, period);
    });
  }

  /** Admins: approve or ratify the programme. */
  moveLifecycle(step: LifecycleRequest): Promise<boolean> {
    return this.change('year', async (programId) => {
      await this.options.api.moveLifecycle(programId, step);
    });
  }

  /** Admins: next year's draft; what differs is shown until another programme is chosen. */
  draftNextYear(request: { year: number; id: string }): Promise<boolean> {
    this.set({ draft: undefined });
    return this.change('draft', async (programId) => {
      this.set({ draft: await this.options.api.draft(programId, request) });
    });
  }

  private loadHistory(attempt: Attempt): Promise<boolean> {
    const { programId, historyPages } = this.state;
    if (!programId) return Promise.resolve(false);
    const continuationToken = historyPages[historyPages.length - 1];
    return attempt(
      'history',
      () =>
        this.options.api.history(
          programId,
          {
            pageSize: HISTORY_PAGE_SIZE,
            ...(continuationToken ? { continuationToken } : {}),
          },
          this.state.history,
        ),
      (history) => {
        const pages = this.state.historyPages;
        if (pages[pages.length - 1] === continuationToken) this.set({ history });
      },
    );
  }

  private loadFeeds(attempt: Attempt): Promise<boolean> {
    const { programId } = this.state;
    if (!programId || !isEditor(this.state)) return Promise.resolve(false);
    return attempt(
      'feeds',
      () => this.options.api.feeds(programId, this.state.feeds),
      (feeds) => this.set({ feeds }),
    );
  }

  private loadMembers(attempt: Attempt): Promise<boolean> {
    const { programId } = this.state;
    if (!programId || !isAdmin(this.state)) return Promise.resolve(false);
    return attempt(
      'members',
      () => this.options.api.members(programId, this.state.members),
      (members) => this.set({ members }),
    );
  }

  private location(): void {
    this.options.onLocation?.({
      programId: this.state.programId,
      reportSession: this.state.reportChosen ? this.state.reportSession : undefined,
    });
  }

  /** Another programme: everything of the previous one goes, and the new one loads now. */
  selectProgram(programId: string): Promise<void> {
    if (programId === this.state.programId) return Promise.resolve();
    this.generation++;
    this.set({
      programId,
      program: undefined,
      sessions: undefined,
      report: undefined,
      reportSession: undefined,
      reportChosen: false,
      history: undefined,
      historyPages: [undefined],
      exports: undefined,
      feeds: undefined,
      members: undefined,
      areas: undefined,
      reprogrammings: undefined,
      frozenReports: undefined,
      period: undefined,
      periodReport: undefined,
      draft: undefined,
      createdFeed: undefined,
      // Roles are per programme: no write controls until the new one's are known.
      me: undefined,
      errors: {},
    });
    this.location();
    return this.refresh();
  }

  /** The report of another ordinary session. */
  async selectReportSession(number: number): Promise<void> {
    this.set({ reportSession: number, reportChosen: true, report: undefined });
    this.location();
    await this.loadReport(this.single());
  }

  /** The next (older) history page. */
  async olderHistory(): Promise<void> {
    const token = this.state.history?.data.continuationToken;
    if (!token) return;
    this.set({ historyPages: [...this.state.historyPages, token], history: undefined });
    await this.loadHistory(this.single());
  }

  /** The previous (newer) history page. */
  async newerHistory(): Promise<void> {
    if (this.state.historyPages.length < 2) return;
    this.set({ historyPages: this.state.historyPages.slice(0, -1), history: undefined });
    await this.loadHistory(this.single());
  }

  /** Editors: a new subscribable calendar URL, shown once. */
  async createFeed(): Promise<void> {
    this.set({ createdFeed: undefined });
    await this.change('feeds', async (programId) => {
      this.set({ createdFeed: await this.options.api.createFeed(programId) });
    });
  }

  /** Editors: the feed's URL stops working. */
  async revokeFeed(id: string): Promise<void> {
    await this.change('feeds', async (programId) => {
      await this.options.api.revokeFeed(programId, id);
      if (this.state.createdFeed?.id === id) this.set({ createdFeed: undefined });
    });
  }

  /**
   * Admins: the plan the chosen Word document states, stored; what was written (or why not) goes
   * to the document's section, and the figures are loaded again.
   */
  async importDocument(
    file: Blob,
    reprogramming?: { reason: string; agreement: string },
  ): Promise<DocumentImport | undefined> {
    const { programId } = this.state;
    if (!programId) return undefined;
    this.set({ working: true });
    try {
      const result = await this.options.api.importDocument(programId, file, reprogramming);
      this.setError('document', undefined);
      return result;
    } catch (error) {
      this.setError('document', message(error));
      return undefined;
    } finally {
      this.set({ working: false });
      await this.refresh();
    }
  }

  /** Admins: adds a person or a group to the programme, or changes their role. */
  addMember(member: NewMember): Promise<boolean> {
    return this.change('members', (programId) => this.options.api.putMember(programId, member));
  }

  /** Admins: the member no longer writes (or reads) the programme through its membership. */
  removeMember(kind: NewMember['kind'], id: string): Promise<boolean> {
    return this.change('members', (programId) =>
      this.options.api.removeMember(programId, kind, id),
    );
  }

  /** One write from the page: its error goes to its section, then what it changed is read again. */
  private async change(
    section: Section,
    write: (programId: string) => Promise<void>,
  ): Promise<boolean> {
    const { programId } = this.state;
    if (!programId) return false;
    this.set({ working: true });
    let done = false;
    try {
      await write(programId);
      this.setError(section, undefined);
      done = true;
    } catch (error) {
      this.setError(section, message(error));
    } finally {
      this.set({ working: false });
    }
    // A list read again alone; the programme's year touches every figure, so all are read again.
    const reload: Partial<Record<Section, (attempt: Attempt) => Promise<boolean>>> = {
      feeds: this.loadFeeds,
      members: this.loadMembers,
      areas: this.loadAreas,
    };
    const one = reload[section];
    await (one ? one.call(this, this.single()) : this.refresh());
    return done;
  }

  /** For one section loaded on its own: its error goes to its section, nothing else. */
  private single(): Attempt {
    const generation = this.generation;
    return async (section, request, apply) => {
      try {
        const value = await request();
        if (generation !== this.generation) return false;
        apply(value);
        this.setError(section, undefined);
        return true;
      } catch (error) {
        if (generation === this.generation) this.setError(section, message(error));
        return false;
      }
    };
  }
}

type Attempt = <T>(
  section: Section,
  request: () => Promise<T>,
  apply: (value: T) => void,
  required?: boolean,
) => Promise<boolean>;
