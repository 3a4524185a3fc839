import { mkdir } from 'node:fs/promises';
import path from 'node:path';

/** Exit codes of the `pat` contract. */
export enum ExitCode {
  Ok = 0,
  /**
   * What was given was read and is refused: the sheet or the document has errors, or the
   * programme's state refuses the change (a step out of order, a ratified plan changed without
   * its agreement).
   */
  Refused = 1,
  /** The input is unusable: missing file, not a workbook, no cronograma, bad arguments. */
  Unusable = 2,
}

/** A problem with what the user asked for: the message is shown as is, exit code 2. */
export class UsageError extends Error {}

export interface Output {
  stdout(text: string): void;
  stderr(text: string): void;
}

export const processOutput: Output = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
};

/** Writes a file, turning the OS's errors into Spanish ones the user can act on. */
export async function writeOut(target: string, write: () => Promise<unknown>): Promise<void> {
  try {
    await mkdir(path.dirname(path.resolve(target)), { recursive: true });
    await write();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UsageError(
      code === 'EACCES' || code === 'EPERM'
        ? `No hay permiso para escribir «${target}».`
        : code === 'EISDIR'
          ? `«${target}» es una carpeta: indique un archivo.`
          : code === 'ENOTDIR' || code === 'EEXIST'
            ? `No se pudo escribir «${target}»: una parte de la ruta es un archivo, no una carpeta.`
            : `No se pudo escribir «${target}» (${code ?? 'error'}).`,
    );
  }
}
