/** The `pat` commands that talk to storage: seed, import and export. */
import { ExcelJS, addCalendarSheet, addCronogramaSheet, readWorkbookFile } from '../adapters/xlsx';
import { loadSeedProgramme } from '../seeds';
import { layoutCalendarSheet } from '../shared/calendar/sheet';
import { findCronograma } from '../shared/cronograma/find-sheet';
import { layoutCronograma } from '../shared/cronograma/layout';
import { planFromSheet } from '../shared/cronograma/plan-from-sheet';
import { hasErrors, validateCronograma } from '../shared/cronograma/validate';
import { Month } from '../shared/months';
import { programIdSchema } from '../shared/schemas';
import { seedProgramme } from '../functions/src/services/seed';
import { upsertPlan } from '../functions/src/services/upsert-plan';
import { settingsFromEnv } from '../functions/src/settings';
import { ProgramStore } from '../functions/src/store/program-store';
import { StorageUnavailableError } from '../functions/src/store/errors';
import { loadLocalSettings } from '../dev/local-settings';
import { humanReport } from './validate-command';
import { ExitCode, Output, UsageError } from './output';

const ACTOR = { name: `pat (${process.env.USER ?? 'administrador'})` };

async function openStore(): Promise<ProgramStore> {
  loadLocalSettings();
  const store = new ProgramStore(settingsFromEnv().storage);
  try {
    await store.ensureTables();
  } catch (error) {
    if (error instanceof StorageUnavailableError)
      throw new UsageError(
        'No se pudo conectar con el almacenamiento. Inicie el entorno local con «npm start» o defina PAT_STORAGE_CONNECTION_STRING.',
      );
    throw error;
  }
  return store;
}

function checkProgrammeId(id: string): string {
  if (!programIdSchema.safeParse(id).success)
    throw new UsageError(
      `«${id}» no es un identificador de programa: use minúsculas, dígitos y guiones (p. ej. cvoe-2022).`,
    );
  return id;
}

export async function seedCommand(out: Output): Promise<ExitCode> {
  const store = await openStore();
  const programme = loadSeedProgramme();
  const loaded = await seedProgramme(store, programme);
  out.stdout(
    `Programa ${programme.id} cargado: ${loaded.activities} actividades, ${loaded.months} meses planeados, ${loaded.sessions} sesiones.`,
  );
  return ExitCode.Ok;
}

export async function importCommand(
  file: string,
  options: { programme: string; sheet?: string; year?: string; today: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const found = findCronograma(await readWorkbookFile(file), options.sheet);
  if (!found.ok) throw new UsageError(found.message);
  const read = found.cronograma;
  const issues = validateCronograma(read, { today: options.today });
  if (hasErrors(issues)) {
    out.stdout(humanReport(read, issues));
    out.stderr('pat: no se importó nada: corrija los errores y vuelva a intentar.');
    return ExitCode.SheetHasErrors;
  }
  const plan = planFromSheet(read);
  const year = plan.year ?? (options.year ? Number(options.year) : undefined);
  if (!year || year < 2000 || year > 2100)
    throw new UsageError(
      'El cronograma no dice su año (p. ej. «AÑO 2022» en el título): indíquelo con --year.',
    );
  const store = await openStore();
  const result = await upsertPlan(store, programId, { ...plan, year }, ACTOR);
  out.stdout(
    `${result.created ? 'Programa creado' : 'Plan actualizado'}: ${programId}, ${read.activities.length} actividades (${result.activitiesWritten} escritas), ${result.monthsAdded} meses agregados, ${result.monthsRemoved} retirados del plan.` +
      (issues.length ? ` ${issues.length} avisos (use «pat validate» para verlos).` : ''),
  );
  return ExitCode.Ok;
}

export async function exportCommand(
  options: { programme: string; out: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const store = await openStore();
  const program = await store.getProgram(programId);
  if (!program)
    throw new UsageError(
      `No existe el programa «${programId}». Programas: ${(await store.listPrograms()).map((p) => p.id).join(', ') || 'ninguno'}.`,
    );
  const [activities, statuses, calendar] = await Promise.all([
    store.listActivities(programId),
    store.listStatuses(programId),
    store.getCalendar(programId),
  ]);
  const byActivity = new Map<string, Partial<Record<Month, (typeof statuses)[number]['status']>>>();
  for (const s of statuses)
    if (s.planned)
      byActivity.set(s.activityId, { ...byActivity.get(s.activityId), [s.month]: s.status });
  const active = activities.filter((a) => a.active);
  const workbook = new ExcelJS.Workbook();
  addCronogramaSheet(
    workbook,
    layoutCronograma(
      {
        year: program.year,
        axes: [
          ...new Map(active.map((a) => [a.axis, { number: a.axis, name: a.axisName }])).values(),
        ],
        activities: active.map((a) => ({ ...a, statuses: byActivity.get(a.id) ?? {} })),
      },
      { sheetName: `Cronograma ${program.year}`, idColumn: true, periodColumn: true },
    ),
  );
  if (calendar)
    addCalendarSheet(
      workbook,
      layoutCalendarSheet(calendar.calendar, {
        commission: program.details.commission.acronym,
        note: program.details.calendarNote,
      }),
    );
  await workbook.xlsx.writeFile(options.out);
  out.stdout(
    `Exportado ${programId}: ${active.length} actividades con sus estatus${calendar ? ` y ${calendar.calendar.sessions.length} sesiones` : ''} en ${options.out}.`,
  );
  return ExitCode.Ok;
}
