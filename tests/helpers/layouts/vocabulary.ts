/**
 * The words generated sheets are made of: ordinary Spanish an office would write, chosen so no
 * description or axis name could be mistaken for a header word, a month, a status, a banner
 * («Eje 2.», «II.», «2.») or a summary («Total», «Resumen»). Written independently of the
 * reader's own word lists.
 */

export const VERBS = [
  'Elaborar',
  'Presentar',
  'Organizar',
  'Coordinar',
  'Revisar',
  'Difundir',
  'Impartir',
  'Celebrar',
  'Dar seguimiento a',
  'Integrar',
  'Publicar',
  'Promover',
  'Suscribir',
  'Atender',
  'Actualizar',
  'Evaluar',
  'Diseñar',
  'Proponer',
] as const;

export const OBJECTS = [
  'el informe de la comisión',
  'el convenio de colaboración',
  'los talleres de participación ciudadana',
  'la reunión de trabajo',
  'el programa de capacitación',
  'las jornadas cívicas',
  'el catálogo de organismos',
  'la agenda de vinculación',
  'el foro de consulta',
  'los materiales de difusión',
  'el acuerdo de la comisión',
  'el directorio institucional',
  'la feria de la democracia',
  'el concurso de debate juvenil',
  'la memoria institucional',
  'las solicitudes de información',
  'el micrositio de la comisión',
  'los lineamientos de operación',
] as const;

export const COMPLEMENTS = [
  '',
  'con universidades',
  'con organismos externos',
  'en las alcaldías',
  'para jóvenes',
  'ante el Consejo General',
  'con la sociedad civil',
  'en escuelas primarias',
  'con institutos locales',
  'en redes sociales',
] as const;

export const AXIS_NAMES = [
  'Educación cívica',
  'Vinculación institucional',
  'Participación ciudadana',
  'Igualdad de género',
  'Fortalecimiento institucional',
  'Difusión y comunicación',
  'Transparencia y rendición de cuentas',
  'Cultura democrática',
  'Derechos humanos y no discriminación',
  'Innovación tecnológica',
] as const;

export const RESPONSIBLES = [
  'Secretaría Técnica',
  'Dirección de Vinculación',
  'Unidad de Asuntos Jurídicos',
  'Coordinación de Comunicación',
  'Dirección de Capacitación',
  'Oficina de la Presidencia',
] as const;

export const OBSERVATIONS = [
  'Sujeto a disponibilidad presupuestal',
  'Se coordinará con la Dirección de Capacitación',
  'Se informará a la comisión en su sesión ordinaria',
  'Requiere apoyo de la Unidad de Comunicación',
  'En coordinación con el área jurídica',
  'Ver anexo dos',
] as const;

/** Rows of notes and logos above a header. None holds a year or a header word. */
export const NOTES = [
  'INSTITUTO ELECTORAL DE LA CIUDAD DE MÉXICO',
  'Comisión Permanente de Vinculación con Organismos Externos',
  'Secretaría Ejecutiva',
  'Documento de trabajo para la sesión de la comisión',
] as const;

/** Titles that state the programme's year ({Y}). */
export const TITLES = [
  'PROGRAMA ANUAL DE TRABAJO {Y}',
  'AÑO {Y}',
  'Cronograma de actividades {Y}',
  'PROGRAMA ANUAL DE TRABAJO DEL AÑO {Y}',
  'Programa Anual de Trabajo {Y} de la Comisión de Vinculación',
] as const;

export const SECTION_BANNERS = [
  'ACTIVIDADES SUSTANTIVAS',
  'ACTIVIDADES ADJETIVAS',
  'ACTIVIDADES PERMANENTES',
  'PRIMER SEMESTRE',
  'SEGUNDO SEMESTRE',
  'PROYECTOS ESPECIALES',
] as const;

export const SHEET_NAMES = [
  'Cronograma',
  'CRONOGRAMA',
  'Cronograma {Y}',
  'PAT {Y}',
  'Hoja1',
  'Programa de trabajo',
  'Calendario PAT',
] as const;

export const COVER_SHEETS = ['Portada', 'Instrucciones', 'Índice'] as const;

export const MONTH_ABBR = [
  'Ene',
  'Feb',
  'Mar',
  'Abr',
  'May',
  'Jun',
  'Jul',
  'Ago',
  'Sep',
  'Oct',
  'Nov',
  'Dic',
] as const;

export const MONTH_FULL = [
  'Enero',
  'Febrero',
  'Marzo',
  'Abril',
  'Mayo',
  'Junio',
  'Julio',
  'Agosto',
  'Septiembre',
  'Octubre',
  'Noviembre',
  'Diciembre',
] as const;

/** Status words as staff pick them in a month cell, and what the reader gives for each. */
export const STATUS_WORDS = {
  'En proceso': 'en_proceso',
  Realizada: 'realizada',
  Reprogramada: 'reprogramada',
  'No realizada': 'no_realizada',
  Cancelada: 'cancelada',
  Pendiente: 'pendiente',
} as const;
export type StatusWord = keyof typeof STATUS_WORDS;

/** Glyphs staff use as "planned". */
export const GLYPHS = ['✓', '✔', '•', 'x', 'X', '>', '*', 'V', '√', '●', '■', '◆', '+', '☑'];
/** Single letters staff use as "planned" (the spec: any single letter is a mark). */
export const LETTERS = ['a', 'P', 's', 'o', 'M', 'b', 'L'];

/** Solid fills used as the only mark (argb), none of them a zebra colour. */
export const MARK_FILLS = ['FF92D050', 'FFFFC000', 'FF00B0F0', 'FFFF0000', 'FF7030A0', 'FF548235'];
/** Light row backgrounds of a zebra-striped sheet. */
export const ZEBRA_FILLS = ['FFF2F2F2', 'FFD9D9D9', 'FFDDEBF7'];
export const HEADER_FILLS = ['FFD9D2E9', 'FFBDD7EE', 'FF1F4E78'];
export const AXIS_FILLS = ['FFFCE4D6', 'FFE2EFDA', 'FFFFF2CC', 'FFEDEDED', 'FFDEEAF6', 'FFF8CBAD'];

export function roman(n: number): string {
  const table: [number, string][] = [
    [10, 'X'],
    [9, 'IX'],
    [5, 'V'],
    [4, 'IV'],
    [1, 'I'],
  ];
  let out = '';
  for (const [value, letters] of table)
    while (n >= value) {
      out += letters;
      n -= value;
    }
  return out;
}
