import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/**
 * Uploaded asset files, content-addressed under `<dataDir>/assets/<workspace>/<sha256>`: the
 * same bytes uploaded twice are stored once, and a stored file never changes.
 */
export interface AssetFileStore {
  /** Streams a body to a temporary file, hashing it and stopping past `maxBytes`. */
  receive(body: Readable, options: { workspaceId: string; maxBytes: number }): Promise<ReceivedFile>;
  open(workspaceId: string, sha256: string): Promise<{ stream: ReadStream; size: number } | null>;
  /** The directory holding a workspace's files (tests look into it). */
  directory(workspaceId: string): string;
}

export type ReceivedFile =
  | {
      kind: 'ok';
      sha256: string;
      size: number;
      /** The first 4 KiB, for content sniffing. */
      head: Buffer;
      /** The last 64 KiB (a ZIP's central directory lives there). */
      readTail(): Promise<Buffer>;
      /** Moves the file into place; the temporary file is gone afterwards either way. */
      keep(): Promise<void>;
      discard(): Promise<void>;
    }
  | { kind: 'too_large' };

const headBytes = 4096;
const tailBytes = 65_557;
const uuidPattern = /^[0-9a-f-]{36}$/;
const shaPattern = /^[0-9a-f]{64}$/;

class TooLarge extends Error {}

export function assetFileStore(dataDir: string): AssetFileStore {
  const root = path.join(dataDir, 'assets');
  const directory = (workspaceId: string) => {
    if (!uuidPattern.test(workspaceId)) throw new Error(`not a workspace id: ${workspaceId}`);
    return path.join(root, workspaceId);
  };

  return {
    directory,
    async receive(body, { workspaceId, maxBytes }) {
      const dir = directory(workspaceId);
      await mkdir(dir, { recursive: true });
      const temp = path.join(dir, `.upload-${randomBytes(8).toString('hex')}`);
      const hash = createHash('sha256');
      const headChunks: Buffer[] = [];
      let headLength = 0;
      let size = 0;
      try {
        await pipeline(
          // Not destroyed on a refusal: the rest of the body is drained so the answer reaches the client.
          body.iterator({ destroyOnReturn: false }),
          async function* count(source: AsyncIterable<Buffer>) {
            for await (const chunk of source) {
              size += chunk.length;
              if (size > maxBytes) throw new TooLarge();
              hash.update(chunk);
              if (headLength < headBytes) {
                headChunks.push(chunk.subarray(0, headBytes - headLength));
                headLength += Math.min(chunk.length, headBytes - headLength);
              }
              yield chunk;
            }
          },
          createWriteStream(temp, { flags: 'wx' }),
        );
      } catch (error) {
        await rm(temp, { force: true });
        if (error instanceof TooLarge) {
          body.resume();
          return { kind: 'too_large' };
        }
        throw error;
      }
      const sha256 = hash.digest('hex');
      return {
        kind: 'ok',
        sha256,
        size,
        head: Buffer.concat(headChunks),
        async readTail() {
          const file = await open(temp, 'r');
          try {
            const length = Math.min(size, tailBytes);
            const buffer = Buffer.alloc(length);
            await file.read(buffer, 0, length, size - length);
            return buffer;
          } finally {
            await file.close();
          }
        },
        async keep() {
          await rename(temp, path.join(dir, sha256));
        },
        async discard() {
          await rm(temp, { force: true });
        },
      };
    },
    async open(workspaceId, sha256) {
      if (!shaPattern.test(sha256)) return null;
      const file = path.join(directory(workspaceId), sha256);
      try {
        const info = await stat(file);
        return { stream: createReadStream(file), size: info.size };
      } catch {
        return null;
      }
    },
  };
}

/** Writes bytes whose sha256 the caller computed (the demo's generated files). */
export async function storeAssetBytes(
  dataDir: string,
  file: { workspaceId: string; sha256: string; bytes: Uint8Array },
): Promise<void> {
  if (!shaPattern.test(file.sha256)) throw new Error(`not a sha256: ${file.sha256}`);
  const dir = assetFileStore(dataDir).directory(file.workspaceId);
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, file.sha256), file.bytes);
}
