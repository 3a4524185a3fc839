/**
 * What the task pane tells people, in Spanish, in one place: the outcomes of its actions, the
 * synchronization's steps and summary, the client's and the sign-in's failures, and the text of
 * the template sheet. The panels' own labels (buttons, tabs, headings) stay in their views.
 */
import type { SheetEdit } from '../../shared/cronograma/catch-up';
import type { Plan } from '../../shared/cronograma/layout';
import type { PlanDecision } from '../../shared/sync/plan-merge';
import { count } from '../../shared/text';

export const MESSAGES = {
  // The server, as the pane's client meets it.
  unreachable: 'No se pudo conectar con el servidor.',
  unavailable: 'El servidor no está disponible por ahora.',
  sessionInvalid: 'Su sesión no es válida: inicie sesión de nuevo.',
  unexpectedAnswer:
    'La respuesta del servidor no es la esperada: actualice el complemento (recargue el panel).',

  // Signing in.
  signInToContinue: 'Inicie sesión para continuar.',
  sessionEnded: 'Su sesión terminó: inicie sesión de nuevo.',
  signInCancelled: 'No se inició sesión: la ventana se cerró antes de terminar.',
  signInFailed:
    'No se pudo iniciar sesión. Vuelva a intentarlo; si sigue fallando, avise a soporte.',
  signedOut: 'Sesión cerrada.',
  microsoftUnreachable: 'No se pudo obtener la sesión de Microsoft; se intentará de nuevo.',
  dialogWithoutRequest: 'El diálogo se abrió sin datos de inicio de sesión.',
  dialogFailed: (code: string) => `No se pudo iniciar sesión (${code}).`,

  // Reading the sheet.
  notACronograma: (why: string) => `${why} Abra la hoja del cronograma y vuelva a intentar.`,

  // Connecting.
  connectFirst: 'Conecte el libro a un programa primero.',
  connectFirstToSynchronize: 'Conecte el libro a un programa primero (pestaña Conectar).',

  // Synchronizing.
  fixErrorsFirst: 'El cronograma tiene errores: use «Validar» y corríjalos antes de sincronizar.',
  steps: {
    reading: 'Leyendo el cronograma…',
    asking: 'Consultando el servidor…',
    sendingPlan: 'Enviando el plan…',
    sending: (changes: number) => `Enviando ${changes} cambios…`,
    writing: 'Escribiendo en la hoja…',
    done: 'Listo',
  },
  synchronized,
  offline,
  planNotice,

  // Bringing the server's plan in.
  noIdColumn:
    'La hoja aún no tiene la columna «ID» que identifica cada actividad: use «Sincronizar» primero y vuelva a intentar.',
  offlineTryLater: 'Sin conexión con el servidor: intente de nuevo más tarde.',
  noProgramme: (programId: string) =>
    `El programa «${programId}» no existe en el servidor: use «Sincronizar» para enviarle el plan de esta hoja.`,
  catchUpMessage,

  // Conflicts.
  changedAgain: 'Volvió a cambiar en el servidor mientras decidía: revise de nuevo.',
  keptMine: 'Se conservó su valor.',
  tookTheirs: 'Se tomó el valor del servidor.',

  // The calendar and the template.
  noCalendar:
    'El programa aún no tiene calendario de sesiones en el servidor: pida a un editor que lo genere (POST …/sessions/generate, o «pat seed» para el programa 2021) y vuelva a intentar.',
  calendarWritten: (sheet: string, sessions: number) =>
    `Hoja «${sheet}» escrita: ${sessions} sesiones.`,
  templateWritten: (sheet: string) =>
    `Hoja «${sheet}» creada: escriba los ejes y actividades y marque los meses.`,
};

/** A synchronization's outcome, in words (and why the sheet's plan was held back, if it was). */
function synchronized(
  sent: number,
  received: number,
  conflicts: number,
  heldPlan?: PlanDecision,
  reprogramming = false,
): string {
  return (
    `Sincronizado: ${count(sent, 'enviado', 'enviados')}, ${count(received, 'recibido', 'recibidos')}${conflicts ? `, ${count(conflicts, 'conflicto', 'conflictos')} por resolver` : ''}.` +
    (heldPlan ? ` ${reprogramming ? reprogrammingNotice(heldPlan) : planNotice(heldPlan)}` : '')
  );
}

/** The sheet's plan differs from a ratified one: it goes only as a reprogramación. */
export function reprogrammingNotice(d: PlanDecision): string {
  const ids = [...d.onlyHere, ...d.onlyThere, ...d.different];
  return `El programa está ratificado: el plan de esta hoja cambia ${count(ids.length, 'actividad', 'actividades')} (${ids.join(', ')}), y ese cambio es una reprogramación. No se envió: escriba el motivo y el acuerdo que la aprueba y use «Enviar como reprogramación», o «Traer el plan del servidor» si la hoja no es la correcta.`;
}

/**
 * Changes that could not go out: kept in the workbook until the server answers again, or, when the
 * session is over (`signIn`: why), until the person signs in.
 */
function offline(pending: number, signIn?: string): string {
  const saved = `${count(pending, 'cambio guardado', 'cambios guardados')} en el libro; ${pending === 1 ? 'se enviará' : 'se enviarán'}`;
  return signIn !== undefined
    ? `${signIn} ${saved} al iniciar sesión.`
    : `Sin conexión con el servidor: ${saved} al reconectar.`;
}

/** What «Traer el plan del servidor» did, in words. */
export function catchUpMessage(edit: SheetEdit): string {
  const parts = [
    edit.added.length
      ? `${count(edit.added.length, 'actividad nueva escrita', 'actividades nuevas escritas')} (${edit.added.join(', ')})`
      : '',
    edit.retired.length
      ? `${count(edit.retired.length, 'marcada como retirada', 'marcadas como retiradas')} (${edit.retired.join(', ')})`
      : '',
    edit.restored.length
      ? `${count(edit.restored.length, 'restaurada', 'restauradas')} (${edit.restored.join(', ')})`
      : '',
    edit.updated.length
      ? `${count(edit.updated.length, 'actualizada', 'actualizadas')} (${edit.updated.join(', ')})`
      : '',
  ].filter(Boolean);
  return parts.length
    ? `Plan del servidor traído a la hoja: ${parts.join('; ')}. Nada de lo escrito en la hoja se borró.`
    : 'La hoja ya tenía el plan del servidor.';
}

/** What the user is told when the sheet's plan was not sent. */
export function planNotice(d: PlanDecision): string {
  const parts = [
    d.onlyThere.length
      ? `${count(d.onlyThere.length, 'actividad', 'actividades')} solo en el servidor (${d.onlyThere.join(', ')})`
      : '',
    d.onlyHere.length ? `${d.onlyHere.length} solo en esta hoja (${d.onlyHere.join(', ')})` : '',
    d.different.length
      ? `${count(d.different.length, 'distinta', 'distintas')} (${d.different.join(', ')})`
      : '',
  ].filter(Boolean);
  const why =
    d.action === 'theirs-changed'
      ? 'El plan cambió en el servidor desde su última sincronización'
      : 'El plan de esta hoja y el del servidor difieren';
  return `${why}: ${parts.join('; ')}. No se envió el plan de la hoja: use «Traer el plan del servidor» para actualizarla, o «Enviar el plan de esta hoja» si la hoja es la correcta.`;
}

/** «Insertar plantilla»: a well-formed cronograma for `year`, with words to replace. */
export function templateProgramme(year: number): Plan {
  return {
    year,
    axes: [{ number: 1, name: 'Nombre del eje de acción' }],
    activities: [
      {
        id: '1.1',
        axis: 1,
        description: 'Describa aquí la primera actividad.',
        period: 'Enero-diciembre',
        months: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      },
      {
        id: '1.2',
        axis: 1,
        description: 'Describa aquí la segunda actividad.',
        period: 'Marzo-junio',
        months: [3, 4, 5, 6],
      },
    ],
  };
}
