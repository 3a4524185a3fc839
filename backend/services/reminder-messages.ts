/**
 * The reminders' words: one message per person and occasion, in Spanish, as plain text and as
 * accessible HTML (lang="es", a title, a heading, a real list, links that say where they go).
 * Pure: what to say in, subject and bodies out.
 */
import { DueMonth, Occasion } from '../../shared/reminders';
import { spanishDate } from '../../shared/calendar/dates';
import { sessionName } from '../../shared/calendar/calendar';
import { monthName } from '../../shared/months';
import { STATUS_LABELS } from '../../shared/status';
import { count, spanishList } from '../../shared/text';

export interface ReminderContent {
  person: { name: string };
  programme: { title: string; commission: string };
  occasion: Occasion;
  /** The person's due and overdue months (empty for a member who only gets the report). */
  months: readonly DueMonth[];
  links: { update: string; optOut: string; report?: string };
}

const escape = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );

const when = (o: Occasion) =>
  o.kind === 'session'
    ? `la ${sessionName({ type: 'ordinaria', number: o.session.number })} del ${spanishDate(o.session.date)}`
    : `el inicio de ${monthName(o.month).toLowerCase()}`;

const names = (months: readonly DueMonth[]) =>
  spanishList(months.map((m) => monthName(m.month).toLowerCase()));

/** One line per activity: «1.1 Descripción — vencidos: enero y febrero; vence este mes: junio (En proceso).» */
function lines(months: readonly DueMonth[]): string[] {
  const byActivity = new Map<string, DueMonth[]>();
  for (const m of months)
    byActivity.set(m.activityId, [...(byActivity.get(m.activityId) ?? []), m]);
  return [...byActivity.values()].map((ms) => {
    const overdue = ms.filter((m) => m.kind === 'overdue');
    const due = ms.filter((m) => m.kind === 'due');
    const parts = [
      ...(overdue.length
        ? [`${overdue.length === 1 ? 'vencido' : 'vencidos'}: ${names(overdue)}`]
        : []),
      ...due.map(
        (m) =>
          `vence este mes: ${names([m])}${m.status === 'pendiente' ? '' : ` (${STATUS_LABELS[m.status]})`}`,
      ),
    ];
    const first = ms[0]!;
    return `${first.activityId} ${first.description.replace(/\.\s*$/, '')} — ${parts.join('; ')}.`;
  });
}

export function reminderContent(c: ReminderContent): {
  subject: string;
  text: string;
  html: string;
} {
  const overdue = c.months.filter((m) => m.kind === 'overdue').length;
  const subject = c.months.length
    ? `Recordatorio: ${count(c.months.length, 'mes por actualizar', 'meses por actualizar')}${overdue ? ` (${overdue} ${overdue === 1 ? 'vencido' : 'vencidos'})` : ''} — ${c.programme.commission}`
    : `Informe para ${when(c.occasion)} — ${c.programme.commission}`;
  const intro = `Buen día, ${c.person.name}. Antes de ${when(c.occasion)}, del ${c.programme.title}:`;
  const monthsText = c.months.length
    ? [
        'Estos meses de sus actividades están por vencer o vencidos y esperan su estatus, nota y evidencia:',
        ...lines(c.months).map((l) => `- ${l}`),
        '',
        `Actualícelos aquí: ${c.links.update}`,
      ]
    : [];
  const reportText = c.links.report
    ? ['', `Informe de seguimiento para la sesión: ${c.links.report}`]
    : [];
  const text = [
    intro,
    '',
    ...monthsText,
    ...reportText,
    '',
    `Para dejar de recibir estos recordatorios: ${c.links.optOut}`,
    '',
  ].join('\n');
  const html = `<!DOCTYPE html>
<html lang="es">
<head><meta charset="utf-8"><title>${escape(subject)}</title></head>
<body>
<h1 style="font-size:1.25em">${escape(subject)}</h1>
<p>${escape(intro)}</p>
${
  c.months.length
    ? `<p>Estos meses de sus actividades están por vencer o vencidos y esperan su estatus, nota y evidencia:</p>
<ul>
${lines(c.months)
  .map((l) => `<li>${escape(l)}</li>`)
  .join('\n')}
</ul>
<p><a href="${escape(c.links.update)}">Actualizar mis meses en PAT Cronograma</a></p>`
    : ''
}
${c.links.report ? `<p><a href="${escape(c.links.report)}">Ver el informe de seguimiento para la sesión</a></p>` : ''}
<p style="font-size:0.9em"><a href="${escape(c.links.optOut)}">Dejar de recibir estos recordatorios</a></p>
</body>
</html>
`;
  return { subject, text, html };
}
