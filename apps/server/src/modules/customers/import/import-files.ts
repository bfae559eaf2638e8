import { createWriteStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError } from '../../../platform/errors.js';

/** Largest CSV file an import accepts. */
export const maxImportBytes = 1024 ** 3;
/** Bytes of a file's start kept in memory for encoding detection. */
const sampleBytes = 1024 * 1024;

/** `<data folder>/imports/<workspace id>/<import id>.csv`: where an uploaded file is kept. */
export function importSourcePath(dataDir: string, workspaceId: string, importId: string): string {
  return join(resolve(dataDir), 'imports', workspaceId, `${importId}.csv`);
}

/**
 * Streams an upload to `path` (never holding it in memory), keeping its first
 * megabyte for detection. Throws payload_too_large past `maxImportBytes`
 * (nothing is left on disk) and validation_failed for an empty body.
 */
export async function saveUpload(body: Readable, path: string): Promise<{ bytes: number; sample: Buffer }> {
  await mkdir(join(path, '..'), { recursive: true });
  const head: Buffer[] = [];
  let bytes = 0;
  let kept = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytes += chunk.length;
      if (bytes > maxImportBytes) {
        callback(new AppError('payload_too_large', `The file is larger than ${maxImportBytes / 1024 ** 3} GiB.`));
        return;
      }
      if (kept < sampleBytes) {
        const part = chunk.subarray(0, sampleBytes - kept);
        head.push(Buffer.from(part));
        kept += part.length;
      }
      callback(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  if (bytes === 0) {
    await rm(path, { force: true });
    throw new AppError('validation_failed', 'The file is empty.', {
      issues: [{ path: ['body'], code: 'empty_file', message: 'empty', in: 'body' }],
    });
  }
  return { bytes, sample: Buffer.concat(head) };
}

/** The first `bytes` of a file (fewer when it is shorter). */
export async function readFileStart(path: string, bytes: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}
