/**
 * The Files port: where generated files (Excel exports) are kept and uploaded ones (an Excel
 * sheet to import, residents' photos) are read and checked. CloudBase storage in the cloud; a
 * folder under the data directory on the local host (served at `GET /files/<path>`); memory in
 * tests.
 */
import { createHash } from 'node:crypto';

/** What `stat` says of a stored file: its size, and its image type read from its first bytes (not from its name). */
export interface FileStat {
  bytes: number;
  /** `image/jpeg`, `image/png`, `image/gif`, `image/webp`, or null for anything else. */
  image: ImageMime | null;
}

export interface FileStore {
  /** Keeps `bytes` at `path` (`exports/register/….xlsx`; letters, digits, `-_./` only) and answers its file ID. */
  save(path: string, bytes: Buffer, contentType: string): Promise<{ fileId: string }>;
  /** The bytes of a stored file, or null when there is none. */
  read(fileId: string): Promise<Buffer | null>;
  /**
   * The file behind `fileId` in THIS environment's storage, or null when there is none (or it
   * belongs to another environment): size and sniffed image type.
   */
  stat(fileId: string): Promise<FileStat | null>;
}

/** A path a file may be saved at: no `..`, no leading slash, plain characters. */
export const SAFE_PATH = /^(?!.*\.\.)[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)+$/;

/** Photos are at most this large (the local host's upload limit too). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/** Image types by their magic bytes: what a photo may be. */
export const IMAGE_TYPES = [
  { ext: 'jpg', mime: 'image/jpeg', magic: [0xff, 0xd8, 0xff] },
  { ext: 'png', mime: 'image/png', magic: [0x89, 0x50, 0x4e, 0x47] },
  { ext: 'gif', mime: 'image/gif', magic: [0x47, 0x49, 0x46, 0x38] },
  { ext: 'webp', mime: 'image/webp', magic: [0x52, 0x49, 0x46, 0x46] },
] as const;
export type ImageMime = (typeof IMAGE_TYPES)[number]['mime'];

/** The image type of these bytes by their magic number, or null. A WebP is RIFF….WEBP. */
export function sniffImage(bytes: Buffer): (typeof IMAGE_TYPES)[number] | null {
  const type = IMAGE_TYPES.find((t) => t.magic.every((b, i) => bytes[i] === b)) ?? null;
  if (type?.ext === 'webp' && bytes.subarray(8, 12).toString('latin1') !== 'WEBP') return null;
  return type;
}

/** A stat from the file's bytes. */
export const statOf = (bytes: Buffer): FileStat => ({ bytes: bytes.length, image: sniffImage(bytes)?.mime ?? null });

/**
 * The storage folder of one caller's uploads (`opinions/u<24 hex>`), derived from the verified
 * openid: `members.me` tells the mini-program (which does not know its openid), and
 * `register.submit` accepts a photo only from under it. Nobody else learns it.
 */
export const uploadDirOf = (openid: string): string => `opinions/u${createHash('sha256').update(`upload\u0000${openid}`).digest('hex').slice(0, 24)}`;

/** The path of a `cloud://<env>.<bucket>/<path>` file ID, and its environment id. */
export function parseCloudFileId(fileId: string): { env: string; path: string } | null {
  const m = /^cloud:\/\/([A-Za-z0-9_-]+)\.[A-Za-z0-9._-]+\/(.+)$/.exec(fileId);
  return m ? { env: m[1], path: m[2] } : null;
}

/** Files in memory, for tests: file IDs `mem://<path>`. */
export function memoryFiles(): FileStore & { files: Map<string, { bytes: Buffer; contentType: string }> } {
  const files = new Map<string, { bytes: Buffer; contentType: string }>();
  return {
    files,
    async save(path, bytes, contentType) {
      if (!SAFE_PATH.test(path)) throw new Error(`bad file path ${path}`);
      const fileId = `mem://${path}`;
      files.set(fileId, { bytes, contentType });
      return { fileId };
    },
    async read(fileId) {
      return files.get(fileId)?.bytes ?? null;
    },
    async stat(fileId) {
      const f = files.get(fileId);
      return f ? statOf(f.bytes) : null;
    },
  };
}
