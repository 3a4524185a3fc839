/**
 * Where a backup set's files are kept: a folder on disk (`pat backup --out`), or a prefix in a
 * Blob container (the `scheduledBackups` timer's `{yyyy-mm-dd}/{run}/`). Both stream: a file is
 * written from chunks as they are made and read back in chunks, its size and SHA-256 computed on
 * the way, so a large table never sits whole in memory.
 */
import type { ContainerClient } from '@azure/storage-blob';
import { blobCall } from './blobs';
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { NotFoundError } from '../errors';

/** A file's size and SHA-256 (hex), as the manifest records them. */
export interface FileDigest {
  bytes: number;
  sha256: string;
}

export type Chunks = AsyncIterable<Uint8Array> | Iterable<Uint8Array>;

export interface BackupFolder {
  /** Where, for people: the folder's path, or the container and prefix. */
  readonly where: string;
  /** Writes one file (a path inside the set, `/`-separated) from its chunks. */
  write(file: string, chunks: Chunks, contentType: string): Promise<FileDigest>;
  /** The file's size in bytes; undefined when there is no such file. */
  size(file: string): Promise<number | undefined>;
  /** The file's bytes, in chunks. */
  read(file: string): AsyncIterable<Buffer>;
  /** Whether the set's place holds no file at all. */
  isEmpty(): Promise<boolean>;
}

/** Passes chunks through while counting and hashing them. */
async function* digesting(
  chunks: Chunks,
  into: { bytes: number; hash: ReturnType<typeof createHash> },
): AsyncIterable<Buffer> {
  for await (const chunk of chunks) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    into.bytes += buffer.length;
    into.hash.update(buffer);
    yield buffer;
  }
}

/** A set in a folder of this machine. */
export class DirectoryFolder implements BackupFolder {
  constructor(readonly root: string) {}

  get where(): string {
    return this.root;
  }

  private full(file: string): string {
    return path.join(this.root, ...file.split('/'));
  }

  async write(file: string, chunks: Chunks, _contentType: string): Promise<FileDigest> {
    const target = this.full(file);
    await mkdir(path.dirname(target), { recursive: true });
    const into = { bytes: 0, hash: createHash('sha256') };
    await pipeline(Readable.from(digesting(chunks, into)), createWriteStream(target));
    return { bytes: into.bytes, sha256: into.hash.digest('hex') };
  }

  async size(file: string): Promise<number | undefined> {
    try {
      const info = await stat(this.full(file));
      return info.isFile() ? info.size : undefined;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async *read(file: string): AsyncIterable<Buffer> {
    for await (const chunk of createReadStream(this.full(file), { highWaterMark: 1 << 20 }))
      yield chunk as Buffer;
  }

  async isEmpty(): Promise<boolean> {
    try {
      return (await readdir(this.root)).length === 0;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
      throw error;
    }
  }
}

/** A set under a prefix (`2021-06-15/20210615T113000000Z-1a2b3c4d/`) of a Blob container. */
export class BlobFolder implements BackupFolder {
  constructor(
    readonly container: ContainerClient,
    readonly prefix: string,
  ) {}

  get where(): string {
    return `${this.container.containerName}/${this.prefix}`;
  }

  async write(file: string, chunks: Chunks, contentType: string): Promise<FileDigest> {
    const into = { bytes: 0, hash: createHash('sha256') };
    const blob = this.container.getBlockBlobClient(`${this.prefix}${file}`);
    await blobCall(() =>
      blob.uploadStream(Readable.from(digesting(chunks, into)), 4 << 20, 2, {
        blobHTTPHeaders: { blobContentType: contentType },
      }),
    );
    return { bytes: into.bytes, sha256: into.hash.digest('hex') };
  }

  async size(file: string): Promise<number | undefined> {
    try {
      const properties = await blobCall(() =>
        this.container.getBlockBlobClient(`${this.prefix}${file}`).getProperties(),
      );
      return properties.contentLength;
    } catch (error) {
      if (error instanceof NotFoundError) return undefined;
      throw error;
    }
  }

  async *read(file: string): AsyncIterable<Buffer> {
    const download = await blobCall(() =>
      this.container.getBlockBlobClient(`${this.prefix}${file}`).download(),
    );
    for await (const chunk of download.readableStreamBody ?? [])
      yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
  }

  async isEmpty(): Promise<boolean> {
    try {
      const page = await blobCall(() =>
        this.container.listBlobsFlat({ prefix: this.prefix }).byPage({ maxPageSize: 1 }).next(),
      );
      return page.done || page.value.segment.blobItems.length === 0;
    } catch (error) {
      if (error instanceof NotFoundError) return true; // No container: nothing in it.
      throw error;
    }
  }
}
