/**
 * The Files port: where generated files (Excel exports) are kept and uploaded ones (an Excel
 * sheet to import) are read. CloudBase storage in the cloud; a folder under the data
 * directory on the local host (served at `GET /files/<path>`); memory in tests.
 */
export interface FileStore {
  /** Keeps `bytes` at `path` (`exports/register/….xlsx`; letters, digits, `-_./` only) and answers its file ID. */
  save(path: string, bytes: Buffer, contentType: string): Promise<{ fileId: string }>;
  /** The bytes of a stored file, or null when there is none. */
  read(fileId: string): Promise<Buffer | null>;
}

/** A path a file may be saved at: no `..`, no leading slash, plain characters. */
export const SAFE_PATH = /^(?!.*\.\.)[A-Za-z0-9_-]+(\/[A-Za-z0-9_.-]+)+$/;

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
  };
}
