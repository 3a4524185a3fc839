import { SheetGrid } from './grid';
import { CronogramaRead, readCronograma } from './reader';

export type FindResult = { ok: true; cronograma: CronogramaRead } | { ok: false; message: string };

/**
 * Picks the cronograma among a workbook's sheets by its content (the first sheet whose
 * header names the months and the activities), or the named sheet when the user says which.
 */
export function findCronograma(sheets: readonly SheetGrid[], sheetName?: string): FindResult {
  if (sheetName !== undefined) {
    const sheet =
      sheets.find((s) => s.name === sheetName) ??
      sheets.find((s) => s.name.toLowerCase() === sheetName.toLowerCase());
    if (!sheet)
      return {
        ok: false,
        message: `El libro no tiene una hoja «${sheetName}». Hojas: ${sheets.map((s) => `«${s.name}»`).join(', ') || 'ninguna'}.`,
      };
    const read = readCronograma(sheet);
    return read.ok ? read : { ok: false, message: read.message };
  }
  const failures: string[] = [];
  for (const sheet of sheets) {
    const read = readCronograma(sheet);
    if (read.ok) return read;
    failures.push(read.message);
  }
  if (sheets.length === 0) return { ok: false, message: 'El libro no tiene hojas.' };
  if (sheets.length === 1) return { ok: false, message: failures[0] as string };
  return {
    ok: false,
    message: `No se encontró un cronograma en el libro: ninguna hoja tiene un encabezado con «Actividades» y los meses (Ene … Dic). Revisadas: ${sheets.map((s) => `«${s.name}»`).join(', ')}. Indique la hoja con --sheet si el encabezado está más abajo de la fila 40.`,
  };
}
