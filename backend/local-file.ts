/**
 * A file a person names on the command line, read whole and safely: opened without blocking and
 * checked before reading — a named pipe nobody writes to would wait forever, a device such as
 * /dev/zero never ends, and a file past the limit is refused unread. Failures are the caller's
 * error class, with a Spanish message that names the file and what was expected of it.
 */
import { constants as fsConstants, promises as fs } from 'node:fs';

export interface LocalFileRules {
  /** What the file should be, for messages: «un libro de Excel», «un documento de Word». */
  what: string;
  maxBytes: number;
  /** The message when the file is past `maxBytes` (its size in MB). */
  tooLarge: (megabytes: number) => string;
  /** The caller's error, carrying the message. */
  error: (message: string) => Error;
}

export async function readLocalFile(path: string, rules: LocalFileRules): Promise<Buffer> {
  const refusals = new WeakSet<object>();
  const fail = (message: string) => {
    const error = rules.error(message);
    refusals.add(error);
    return error;
  };
  let file: fs.FileHandle | undefined;
  try {
    file = await fs.open(path, fsConstants.O_RDONLY | (fsConstants.O_NONBLOCK ?? 0));
    const stat = await file.stat();
    if (stat.isDirectory()) throw fail(`«${path}» es una carpeta, no ${rules.what}.`);
    if (!stat.isFile())
      throw fail(
        `«${path}» no es un archivo común (es una tubería, un dispositivo o un socket), no ${rules.what}.`,
      );
    if (stat.size > rules.maxBytes) throw fail(rules.tooLarge(Math.round(stat.size / 1024 / 1024)));
    return await file.readFile();
  } catch (error) {
    if (refusals.has(error as object)) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw fail(`No existe el archivo «${path}».`);
    if (code === 'EISDIR') throw fail(`«${path}» es una carpeta, no ${rules.what}.`);
    throw fail(`No se pudo leer «${path}» (${code ?? 'error de lectura'}).`);
  } finally {
    await file?.close();
  }
}
