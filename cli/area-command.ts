/**
 * `pat area list|set`: the people of each responsible area, who the reminders reach.
 * `set` replaces the area's list with the `--person "Nombre <correo>"` given (none: empties it).
 */
import { areaBody } from '../shared/api';
import { areaParamSchema, personFromText } from '../shared/reminders';
import { ACTOR, checkProgrammeId, requireProgramme } from './store-commands';
import { ExitCode, Output, UsageError } from './output';
import { openStorage } from './storage';

function personOf(text: string): { name: string; email: string } {
  const person = personFromText(text);
  if (!person)
    throw new UsageError(
      `--person espera «Nombre <correo>», p. ej. "Ana López <ana.lopez@iecm.mx>", no «${text}».`,
    );
  return person;
}

export async function areaCommand(
  action: string,
  options: { programme: string; area?: string; person: string[] },
  out: Output,
): Promise<ExitCode> {
  const programId = checkProgrammeId(options.programme);
  if (action !== 'list' && action !== 'set')
    throw new UsageError(`La acción es «list» o «set», no «${action}».`);
  let people: { name: string; email: string }[] = [];
  if (action === 'set') {
    if (!options.area || !areaParamSchema.safeParse(options.area).success)
      throw new UsageError('--area espera la sigla del área, p. ej. UTVOE (o «comision»).');
    const parsed = areaBody.safeParse({ people: options.person.map(personOf) });
    if (!parsed.success)
      throw new UsageError(
        parsed.error.issues
          .map((i) => `--person ${Number(i.path[1] ?? 0) + 1}: ${i.message}`)
          .join('; '),
      );
    people = parsed.data.people;
  }
  const services = await openStorage(out);
  await requireProgramme(services, programId);
  if (action === 'set') {
    const area = await services.putArea(programId, options.area!, people, ACTOR);
    out.stdout(
      `Área ${area.area} de ${programId}: ${area.people.length === 1 ? '1 persona' : `${area.people.length} personas`}.`,
    );
    return ExitCode.Ok;
  }
  for (const area of await services.listAreas(programId)) {
    const who = area.people.length
      ? area.people
          .map((p) => `${p.name} <${p.email}>${p.optedOut ? ' (dado de baja)' : ''}`)
          .join('; ')
      : 'nadie';
    out.stdout(`${area.area}\t${area.activities} actividades\t${who}`);
  }
  return ExitCode.Ok;
}
