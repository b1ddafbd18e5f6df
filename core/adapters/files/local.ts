import fs from 'node:fs';
import path from 'node:path';
import { SAFE_PATH, statOf, type FileStore } from '../../ports/files';

/**
 * Files on the local host: kept under `dir`, file IDs `local://files/<path>`, served by the
 * host at `GET /files/<path>`. Uploaded photos (`local://uploads/<name>`) are read from the
 * sibling `uploads` folder.
 */
export function localFiles(dir: string): FileStore {
  const uploads = path.join(path.dirname(dir), 'uploads');
  const resolve = (fileId: string): string | null => {
    let m = /^local:\/\/files\/(.+)$/.exec(fileId);
    if (m && SAFE_PATH.test(m[1])) return path.join(dir, m[1]);
    m = /^local:\/\/uploads\/([A-Za-z0-9_.-]+)$/.exec(fileId);
    if (m) return path.join(uploads, m[1]);
    return null;
  };
  return {
    async save(p, bytes) {
      if (!SAFE_PATH.test(p)) throw new Error(`bad file path ${p}`);
      const file = path.join(dir, p);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, bytes);
      return { fileId: `local://files/${p}` };
    },
    async read(fileId) {
      const file = resolve(fileId);
      return file && fs.existsSync(file) ? fs.readFileSync(file) : null;
    },
    async stat(fileId) {
      const file = resolve(fileId);
      if (!file || !fs.existsSync(file)) return null;
      const fd = fs.openSync(file, 'r');
      try {
        const head = Buffer.alloc(16);
        const n = fs.readSync(fd, head, 0, 16, 0);
        return { bytes: fs.fstatSync(fd).size, image: statOf(head.subarray(0, n)).image };
      } finally {
        fs.closeSync(fd);
      }
    },
  };
}

/** The file on disk behind `GET /files/<path>`, or null. */
export function localFilePath(dir: string, urlPath: string): string | null {
  if (!SAFE_PATH.test(urlPath)) return null;
  const file = path.join(dir, urlPath);
  return fs.existsSync(file) ? file : null;
}
