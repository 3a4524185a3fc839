/** `pat document read FILE.docx [--json]`: the programme as its Word document states it. */
import { readDocumentFile } from '../backend/workbooks';
import { readProgrammeDocument } from '../shared/document/programme-reader';
import { count } from '../shared/text';
import { ExitCode, Output } from './output';

export async function documentReadCommand(
  file: string,
  options: { json?: boolean },
  out: Output,
): Promise<ExitCode> {
  const read = readProgrammeDocument(await readDocumentFile(file));
  const { programme, issues } = read;
  if (options.json) out.stdout(JSON.stringify({ programme, issues }));
  else {
    const errors = issues.filter((i) => i.severity === 'error');
    const lines = [
      `${programme.title ?? 'Documento sin título'}${programme.year ? ` (${programme.year})` : ''}`,
      `Acuerdos: aprobación ${programme.agreements.approval?.id ?? '—'}, ratificación ${programme.agreements.ratification?.id ?? '—'}.`,
      `${count(programme.objectives.length, 'objetivo', 'objetivos')} con ${count(
        programme.objectives.reduce((n, o) => n + o.strategicLines.length, 0),
        'línea estratégica',
        'líneas estratégicas',
      )}; ${count(programme.axes.length, 'eje', 'ejes')}; ${count(programme.activities.length, 'actividad', 'actividades')}; ${count(programme.sessions.length, 'sesión', 'sesiones')}.`,
      `${count(errors.length, 'error', 'errores')} · ${count(issues.length - errors.length, 'aviso', 'avisos')}`,
      ...issues.map(
        (i) =>
          `  ${i.severity === 'error' ? 'ERROR' : 'aviso'}  ${i.cell}: ${i.message} [${i.code}]`,
      ),
    ];
    out.stdout(lines.join('\n'));
  }
  if (issues.some((i) => i.code === 'document.not_a_programme')) return ExitCode.Unusable;
  return issues.some((i) => i.severity === 'error') ? ExitCode.Refused : ExitCode.Ok;
}
