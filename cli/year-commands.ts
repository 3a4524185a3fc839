/**
 * The programme's year from the command line: `pat approve` and `pat ratify` (with the
 * agreement), `pat draft` (next year's programme) and `pat report --period` (the report to the
 * Consejo General, previewed or frozen). Refusals of the programme's state exit 1 with the
 * server's Spanish message; bad arguments exit 2.
 */
import { writeFile } from 'node:fs/promises';
import { BadRequestError, ConflictError, NotFoundError, Services } from '../backend';
import { lifecycleBody } from '../shared/lifecycle';
import { PROGRAMME_STATUS_TEXT } from '../shared/lifecycle';
import { parsePeriod } from '../shared/report/period-report';
import { ACTOR, checkProgrammeId, requireProgramme } from './store-commands';
import { ExitCode, Output, UsageError, writeOut } from './output';
import { openStorage } from './storage';

/** Runs a use case, turning the server's refusals into the CLI's exit codes. */
async function refusable(out: Output, work: () => Promise<ExitCode>): Promise<ExitCode> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ConflictError) {
      out.stderr(`pat: ${error.message}`);
      return ExitCode.Refused;
    }
    if (error instanceof BadRequestError || error instanceof NotFoundError)
      throw new UsageError(error.message);
    throw error;
  }
}

/** `pat approve` / `pat ratify`. */
export async function lifecycleCommand(
  step: 'aprobado' | 'ratificado',
  options: { programme: string; agreement: string; date: string; session?: string },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  const parsed = lifecycleBody.safeParse({ step, ...options });
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues
        .map(
          (i) => `--${String(i.path[0])}: ${i.path[0] === 'date' ? 'use AAAA-MM-DD' : i.message}`,
        )
        .join('; '),
    );
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  return refusable(out, async () => {
    const answer = await services.moveLifecycle(programId, parsed.data);
    const agreement =
      step === 'aprobado' ? answer.agreements.approval : answer.agreements.ratification;
    out.stdout(
      `Programa ${programId}: ${PROGRAMME_STATUS_TEXT[answer.status].toLowerCase()} mediante el acuerdo ${agreement.id} (${agreement.date}, ${agreement.session}).` +
        (answer.baseline
          ? ` Línea base: ${answer.baseline.activities} actividades, congelada el ${answer.baseline.frozenAt.slice(0, 10)}.`
          : ''),
    );
    return ExitCode.Ok;
  });
}

/** `pat draft --from ID --year YYYY [--id ID]`: next year's draft and what differs. */
export async function draftCommand(
  options: { from: string; year: string; id?: string },
  out: Output,
): Promise<ExitCode> {
  const from = checkProgrammeId(options.from);
  const year = Number(options.year);
  if (!Number.isInteger(year) || year < 2000 || year > 2100)
    throw new UsageError(`--year espera un año (p. ej. 2022), no «${options.year}».`);
  const services = await openStorage(out);
  const source = await services.findProgramme(from);
  if (!source) await requireProgramme(services, from);
  const id = checkProgrammeId(
    options.id ??
      (source && from.includes(String(source.year))
        ? from.replace(String(source.year), String(year))
        : `${from}-${year}`),
  );
  return refusable(out, async () => {
    const draft = await services.draftNextYear(from, { year, id }, ACTOR);
    out.stdout(
      `Borrador ${draft.programId} (${draft.year}) creado desde ${draft.from}: ${draft.activities} actividades, ${draft.sessions} sesiones.`,
    );
    for (const difference of draft.differences) out.stdout(`- ${difference}`);
    return ExitCode.Ok;
  });
}

/** `pat report --period 2021-T2 [--freeze] [--format json|xlsx|docx] [--out FILE]`. */
export async function periodReportCommand(
  options: { programme: string; period: string; format: string; out?: string; freeze?: boolean },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  if (!parsePeriod(options.period))
    throw new UsageError(
      `--period espera un trimestre (2021-T2) o un año (2021), no «${options.period}».`,
    );
  if (!['json', 'xlsx', 'docx'].includes(options.format))
    throw new UsageError(`--format espera json, xlsx o docx con --period, no «${options.format}».`);
  if (options.format !== 'json' && !options.out)
    throw new UsageError(`El formato ${options.format} necesita --out ARCHIVO.${options.format}.`);
  const services: Services = await openStorage(out);
  await requireProgramme(services, programId);
  return refusable(out, async () => {
    if (options.freeze) {
      const frozen = await services.freezePeriodReport(programId, options.period, ACTOR);
      out.stderr(`Informe ${frozen.period} congelado (${frozen.asOf}).`);
    }
    if (options.format === 'json') {
      const text = JSON.stringify(
        await services.readPeriodReport(programId, options.period),
        null,
        2,
      );
      if (options.out) await writeOut(options.out, () => writeFile(options.out!, text));
      else out.stdout(text);
      return ExitCode.Ok;
    }
    const format = options.format as 'xlsx' | 'docx';
    const { report, bytes } = await services.periodReportFile(programId, options.period, format);
    await writeOut(options.out!, () => writeFile(options.out!, bytes));
    out.stdout(
      `Informe del ${report.label} (${report.frozen ? `congelado el ${report.frozen.at.slice(0, 10)}` : 'preliminar'}) en ${options.out}.`,
    );
    return ExitCode.Ok;
  });
}
