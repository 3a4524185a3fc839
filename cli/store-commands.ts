/** The `pat` commands that talk to storage: seed, import, export, report, feed and member. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  BadRequestError,
  ConflictError,
  NotFoundError,
  Services,
  settingsFromEnv,
} from '../backend';
import { Reprogramming, reprogrammingSchema } from '../shared/lifecycle';
import { readDocumentBytes, readWorkbookFile } from '../backend/workbooks';
import { loadSeedProgramme } from '../seeds';
import { findCronograma } from '../shared/cronograma/find-sheet';
import { planFromSheet } from '../shared/cronograma/plan-from-sheet';
import { hasErrors, validateCronograma } from '../shared/cronograma/validate';
import { sessionReportCsv } from '../shared/report/formats';
import { memberParams } from '../shared/api';
import { sessionName } from '../shared/calendar/calendar';
import { programIdSchema } from '../shared/schemas';
import { humanReport } from './validate-command';
import { ExitCode, Output, UsageError, writeOut } from './output';
import { openStorage } from './storage';

export const ACTOR = { name: `pat (${process.env.USER ?? 'administrador'})` };

export function checkProgrammeId(id: string): string {
  if (!programIdSchema.safeParse(id).success)
    throw new UsageError(
      `«${id}» no es un identificador de programa: use minúsculas, dígitos y guiones (p. ej. cvoe-2022).`,
    );
  return id;
}

export async function seedCommand(out: Output): Promise<ExitCode> {
  const services = await openStorage(out);
  const programme = loadSeedProgramme();
  const loaded = await services.seedProgramme(programme, 'pat seed', 'ratified');
  out.stdout(
    `Programa ${programme.id} cargado: ${loaded.activities} actividades, ${loaded.months} meses planeados, ${loaded.sessions} sesiones.`,
  );
  return ExitCode.Ok;
}

export async function importCommand(
  file: string,
  options: {
    programme: string;
    sheet?: string;
    year?: string;
    today: string;
    reason?: string;
    agreement?: string;
  },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const reprogramming = reprogrammingOf(options);
  try {
    if (/\.doc[xm]$/i.test(file)) return await importDocument(file, programId, out, reprogramming);
    return await importWorkbook(file, programId, options, out, reprogramming);
  } catch (error) {
    if (!(error instanceof ConflictError)) throw error;
    out.stderr(`pat: ${error.message} Con pat: --reason "…" --agreement CVOE/…`);
    out.stderr('pat: no se importó nada.');
    return ExitCode.Refused;
  }
}

/** `--reason` and `--agreement`: both or neither (a change to a ratified plan needs both). */
function reprogrammingOf(options: { reason?: string; agreement?: string }) {
  const parsed = reprogrammingSchema
    .optional()
    .safeParse(
      options.reason === undefined && options.agreement === undefined
        ? undefined
        : { reason: options.reason ?? '', agreement: options.agreement ?? '' },
    );
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
    );
  return parsed.data;
}

async function importWorkbook(
  file: string,
  programId: string,
  options: { sheet?: string; year?: string; today: string },
  out: Output,
  reprogramming: Reprogramming | undefined,
): Promise<ExitCode> {
  const found = findCronograma(await readWorkbookFile(file), options.sheet);
  if (!found.ok) throw new UsageError(found.message);
  const read = found.cronograma;
  const issues = validateCronograma(read, { today: options.today });
  if (hasErrors(issues)) {
    out.stdout(humanReport(read, issues));
    out.stderr('pat: no se importó nada: corrija los errores y vuelva a intentar.');
    return ExitCode.Refused;
  }
  const plan = planFromSheet(read);
  const year = plan.year ?? (options.year ? Number(options.year) : undefined);
  if (!year || year < 2000 || year > 2100)
    throw new UsageError(
      'El cronograma no dice su año (p. ej. «AÑO 2022» en el título): indíquelo con --year.',
    );
  const services = await openStorage(out);
  const result = await services.upsertPlan(programId, { ...plan, year }, ACTOR, {}, reprogramming);
  out.stdout(
    `${result.created ? 'Programa creado' : 'Plan actualizado'}: ${programId}, ${read.activities.length} actividades (${result.activitiesWritten} escritas), ${result.monthsAdded} meses agregados, ${result.monthsRemoved} retirados del plan.` +
      (issues.length ? ` ${issues.length} avisos (use «pat validate» para verlos).` : ''),
  );
  return ExitCode.Ok;
}

/**
 * `pat import FILE.docx`: the plan the programme's Word document states (axes, activities with
 * their periods and months), stored as a workbook import stores it; refused, writing nothing,
 * when the document has errors.
 */
async function importDocument(
  file: string,
  programId: string,
  out: Output,
  reprogramming: Reprogramming | undefined,
): Promise<ExitCode> {
  const bytes = await readDocumentBytes(file);
  const services = await openStorage(out);
  try {
    const result = await services.importProgrammeDocument(programId, bytes, ACTOR, reprogramming);
    out.stdout(
      `${result.created ? 'Programa creado' : 'Plan actualizado'} desde el documento: ${programId}, ${result.activities} actividades (${result.activitiesWritten} escritas), ${result.monthsAdded} meses agregados, ${result.monthsRemoved} retirados del plan.` +
        (result.issues.length
          ? ` ${result.issues.length} avisos (use «pat document read» para verlos).`
          : ''),
    );
    return ExitCode.Ok;
  } catch (error) {
    if (!(error instanceof BadRequestError)) throw error;
    for (const e of error.errors) out.stdout(`ERROR  ${e.path}: ${e.message}`);
    out.stderr('pat: no se importó nada: corrija el documento y vuelva a intentar.');
    // A file that is no programme document at all is unusable input, as a non-workbook is.
    // (`documento`: where the reader says the document is no programme at all.)
    const unusable = error.cause !== undefined || error.errors.some((e) => e.path === 'documento');
    return unusable ? ExitCode.Unusable : ExitCode.Refused;
  }
}

/** A programme's storage, or a UsageError naming the programmes there are. */
export async function requireProgramme(services: Services, programId: string): Promise<void> {
  if (await services.findProgramme(programId)) return;
  throw new UsageError(
    `No existe el programa «${programId}». Programas: ${(await services.listProgrammes()).map((p) => p.id).join(', ') || 'ninguno'}.`,
  );
}

/**
 * `--out FILE.xlsx`: the programme workbook. `--dir FOLDER`: the whole export set of the day, the
 * same files the scheduled exports write (the session report too when a session is near).
 */
export async function exportCommand(
  options: {
    programme: string;
    out?: string;
    dir?: string;
    today: string;
    reportDaysBefore?: number;
  },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  if (!options.out === !options.dir)
    throw new UsageError(
      'Indique --out ARCHIVO.xlsx (el libro del programa) o --dir CARPETA (todos los archivos de la exportación).',
    );
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  if (options.out) {
    const exported = await services.exportProgramme(programId, options.today);
    await writeOut(options.out, () => writeFile(options.out!, exported.workbook));
    out.stdout(
      `Exportado ${programId}: ${exported.activities} actividades con sus estatus${exported.sessions ? ` y ${exported.sessions} sesiones` : ''} en ${options.out}.`,
    );
    return ExitCode.Ok;
  }
  const dir = options.dir!;
  const written: string[] = [];
  for await (const file of services.exportFiles(
    programId,
    options.today,
    options.reportDaysBefore ?? 7,
  )) {
    const target = path.join(dir, file.name);
    await writeOut(target, () => writeFile(target, file.body));
    written.push(file.name);
  }
  out.stdout(
    `Exportados ${written.length} archivos de ${programId} en ${dir}: ${written.join(', ')}.`,
  );
  return ExitCode.Ok;
}

/** `pat document write`: the programme's Word document, written from the store. */
export async function documentWriteCommand(
  options: { programme: string; out: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  if (!/\.docx$/i.test(options.out))
    throw new UsageError(`--out espera un archivo .docx, no «${options.out}».`);
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  const bytes = await services.readProgrammeDocument(programId);
  await writeOut(options.out, () => writeFile(options.out, bytes));
  out.stdout(`Documento del programa ${programId} en ${options.out}.`);
  return ExitCode.Ok;
}

/** The session report of an ordinary session, as JSON, CSV or .xlsx. */
export async function reportCommand(
  options: { programme: string; session: string; format: string; out?: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const number = Number(options.session);
  if (!Number.isInteger(number) || number < 1 || number > 99)
    throw new UsageError(
      `--session espera el número de una sesión ordinaria (1 a 12), no «${options.session}».`,
    );
  if (!['json', 'csv', 'xlsx'].includes(options.format))
    throw new UsageError(`--format espera json, csv o xlsx, no «${options.format}».`);
  if (options.format === 'xlsx' && !options.out)
    throw new UsageError('El formato xlsx necesita --out ARCHIVO.xlsx.');
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  let found;
  try {
    found = await services.readSessionReport(programId, number);
  } catch (error) {
    if (error instanceof NotFoundError) throw new UsageError(error.message);
    throw error;
  }
  const { report } = found;
  if (options.format === 'xlsx') {
    const bytes = await services.readSessionReportXlsx(programId, number);
    await writeOut(options.out!, () => writeFile(options.out!, bytes));
    out.stdout(
      `Informe de la ${sessionName(report.session)} (${report.session.date}) en ${options.out}.`,
    );
    return ExitCode.Ok;
  }
  const text =
    options.format === 'csv' ? sessionReportCsv(report) : JSON.stringify(report, null, 2);
  if (options.out) await writeOut(options.out, () => writeFile(options.out!, text));
  else out.stdout(text);
  return ExitCode.Ok;
}

/** Calendar feeds: `create` prints the URL (the only time its token is shown), `list`, `revoke ID`. */
export async function feedCommand(
  action: string,
  options: { programme: string; url?: string; feed?: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  if (action === 'create') {
    const origin = options.url ?? settingsFromEnv().publicUrl;
    if (!origin)
      throw new UsageError(
        'Indique la dirección pública de la aplicación con --url https://… (o PAT_PUBLIC_URL).',
      );
    const feed = await services.createFeed(programId, ACTOR.name, origin);
    out.stdout(
      `Canal ${feed.id} creado. Suscríbase con esta dirección (no se volverá a mostrar):\n${feed.url}`,
    );
    return ExitCode.Ok;
  }
  if (action === 'list') {
    const feeds = await services.listFeeds(programId);
    out.stdout(
      feeds.length
        ? feeds.map((f) => `${f.id}  ${f.createdAt}  ${f.createdBy}`).join('\n')
        : `El programa ${programId} no tiene canales de calendario.`,
    );
    return ExitCode.Ok;
  }
  if (action === 'revoke') {
    if (!options.feed)
      throw new UsageError(
        'Indique el canal que se revoca: su id (de «pat feed list») o su dirección.',
      );
    const token = /\/feeds\/([^/]+)\//.exec(options.feed)?.[1] ?? options.feed;
    try {
      await services.revokeFeed(programId, token);
    } catch (error) {
      if (error instanceof NotFoundError) throw new UsageError(error.message);
      throw error;
    }
    out.stdout(`Canal revocado: su dirección ya no abre el calendario.`);
    return ExitCode.Ok;
  }
  throw new UsageError(`«${action}» no es una acción de pat feed: use create, list o revoke.`);
}

/**
 * `pat member list|add|remove`: who may write (or read) a programme, as the API's admin routes do.
 * Once a programme has members, only its member editors write it.
 */
export async function memberCommand(
  action: string,
  options: { programme: string; user?: string; group?: string; role?: string; name?: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  if (!['list', 'add', 'remove'].includes(action))
    throw new UsageError(`«${action}» no es una acción de pat member: use list, add o remove.`);
  const who = action === 'list' ? undefined : memberOf(options);
  const role = action === 'add' ? memberRoleOf(options.role) : undefined;
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  if (action === 'list') {
    const members = await services.listMembers(programId);
    out.stdout(
      members.length
        ? members
            .map((m) => `${m.kind === 'user' ? 'persona' : 'grupo'}  ${m.id}  ${m.role}  ${m.name}`)
            .join('\n')
        : `El programa ${programId} no tiene miembros: cualquier editor de la aplicación lo edita.`,
    );
    return ExitCode.Ok;
  }
  if (action === 'add') {
    const member = await services.putMember(
      programId,
      { ...who!, role: role!, name: options.name?.trim() || who!.id },
      ACTOR.name,
    );
    out.stdout(
      `${member.name} (${member.id}) es ${member.role === 'editor' ? 'editor' : 'lector'} del programa ${programId}.`,
    );
    return ExitCode.Ok;
  }
  try {
    await services.removeMember(programId, who!.kind, who!.id);
  } catch (error) {
    if (error instanceof NotFoundError)
      throw new UsageError(`${who!.id} no es miembro del programa ${programId}.`);
    throw error;
  }
  out.stdout(`${who!.id} ya no es miembro del programa ${programId}.`);
  return ExitCode.Ok;
}

function memberOf(options: { user?: string; group?: string }): {
  kind: 'user' | 'group';
  id: string;
} {
  if (!options.user === !options.group)
    throw new UsageError(
      'Indique a quién: --user <id de objeto de la persona> o --group <id del grupo de Entra>.',
    );
  const kind = options.user ? 'user' : 'group';
  const parsed = memberParams.shape.memberId.safeParse(options.user ?? options.group);
  if (!parsed.success)
    throw new UsageError(
      `«${options.user ?? options.group}» no es un id de Entra: es un GUID, p. ej. 0f000000-0000-4000-8000-000000000001.`,
    );
  return { kind, id: parsed.data.toLowerCase() };
}

function memberRoleOf(role: string | undefined): 'editor' | 'viewer' {
  if (role === 'editor' || role === 'viewer') return role;
  throw new UsageError('Indique el rol con --role editor o --role viewer.');
}
