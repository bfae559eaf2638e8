import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { newId } from './ids.js';

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
