/** The `pat` commands that talk to storage: seed, import and export. */
import path from 'node:path';
import {
  NotFoundError,
  ProgramStore,
  StorageUnavailableError,
  exportProgramme,
  loadLocalSettings,
  readWorkbookFile,
  seedProgramme,
  settingsFromEnv,
  upsertPlan,
} from '../backend';
import { loadSeedProgramme } from '../seeds';
import { findCronograma } from '../shared/cronograma/find-sheet';
import { planFromSheet } from '../shared/cronograma/plan-from-sheet';
import { hasErrors, validateCronograma } from '../shared/cronograma/validate';
import { programIdSchema } from '../shared/schemas';
import { humanReport } from './validate-command';
import { ExitCode, Output, UsageError } from './output';

const ACTOR = { name: `pat (${process.env.USER ?? 'administrador'})` };

/** The Functions app's local settings, as `func start` and `npm start` read them (from dist/cli/). */
const LOCAL_SETTINGS = path.join(__dirname, '..', '..', 'functions', 'local.settings.json');

async function openStore(): Promise<ProgramStore> {
  loadLocalSettings(LOCAL_SETTINGS);
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
  let exported;
  try {
    exported = await exportProgramme(store, programId);
  } catch (error) {
    if (!(error instanceof NotFoundError)) throw error;
    throw new UsageError(
      `No existe el programa «${programId}». Programas: ${(await store.listPrograms()).map((p) => p.id).join(', ') || 'ninguno'}.`,
    );
  }
  await exported.workbook.xlsx.writeFile(options.out);
  out.stdout(
    `Exportado ${programId}: ${exported.activities} actividades con sus estatus${exported.sessions ? ` y ${exported.sessions} sesiones` : ''} en ${options.out}.`,
  );
  return ExitCode.Ok;
}
