import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Readable } from 'node:stream';
import { newId } from './ids.js';

/** A stream given to `saveStream` held more bytes than allowed; nothing of it is kept. */
export class FileTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.name = 'FileTooLargeError';
  }
}

/**
 * Files (attachments) on local disk under `<data folder>/files/<workspace>/`,
 * named by a storage key the database keeps. Writes are flushed to disk
 * before they return, so a row that names a file committed after it never
 * points at nothing.
 */
export class FileStore {
  readonly #root: string;

  constructor(dataDir: string) {
    this.#root = join(resolve(dataDir), 'files');
  }

  /** Writes the bytes and returns their storage key ("<workspace id>/<uuid>"). */
  async save(workspaceId: string, content: Buffer): Promise<string> {
    const key = `${workspaceId}/${newId()}`;
    await mkdir(join(this.#root, workspaceId), { recursive: true });
    const file = await open(this.#path(key), 'wx');
    try {
      await file.writeFile(content);
      await file.sync();
    } finally {
      await file.close();
    }
    return key;
  }

  /**
   * Writes a stream as it arrives (never all of it in memory) and returns its storage key and size. Past
   * `maxBytes` it stops reading, removes what it wrote and throws FileTooLargeError; any other failure also
   * leaves nothing behind.
   */
  async saveStream(workspaceId: string, content: Readable, maxBytes: number): Promise<{ key: string; size: number }> {
    const key = `${workspaceId}/${newId()}`;
    await mkdir(join(this.#root, workspaceId), { recursive: true });
    const file = await open(this.#path(key), 'wx');
    let size = 0;
    try {
      for await (const chunk of content as AsyncIterable<Buffer | string>) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
        size += bytes.length;
        if (size > maxBytes) throw new FileTooLargeError(maxBytes);
        for (let written = 0; written < bytes.length;) written += (await file.write(bytes, written)).bytesWritten;
      }
      await file.sync();
    } catch (error) {
      await file.close();
      await rm(this.#path(key), { force: true });
      throw error;
    }
    await file.close();
    return { key, size };
  }

  /** A stored file's bytes, all at once (for files of bounded size: a message's attachments). */
  load(key: string): Promise<Buffer> {
    return readFile(this.#path(key));
  }

  /** A stream of a stored file. */
  read(key: string): ReadStream {
    return createReadStream(this.#path(key));
  }

  /** Removes stored files; missing ones are ignored. */
  async remove(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => rm(this.#path(key), { force: true })));
  }

  #path(key: string): string {
    // Keys are made here ("<uuid>/<uuid>"); refuse anything else rather than resolve a path from it.
    if (!/^[0-9a-f-]{36}\/[0-9a-f-]{36}$/.test(key)) throw new Error(`not a storage key: ${key}`);
    return join(this.#root, key);
  }
}
