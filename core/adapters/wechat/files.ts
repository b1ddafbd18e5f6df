import { SAFE_PATH, type FileStore } from '../../ports/files';

/** The slice of wx-server-sdk's storage API this adapter uses (`cloud` satisfies it). */
export interface CloudStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<unknown>;
  downloadFile(options: { fileID: string }): Promise<unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Files in CloudBase storage: `cloud.uploadFile` and `cloud.downloadFile`. */
export function cloudFiles(cloud: CloudStorage): FileStore {
  return {
    async save(path, bytes) {
      if (!SAFE_PATH.test(path)) throw new Error(`bad file path ${path}`);
      const res = await cloud.uploadFile({ cloudPath: path, fileContent: bytes });
      if (!isRecord(res) || typeof res.fileID !== 'string') throw new Error('CloudBase: uploadFile answered no fileID');
      return { fileId: res.fileID };
    },
    async read(fileId) {
      if (!/^cloud:\/\//.test(fileId)) return null;
      try {
        const res = await cloud.downloadFile({ fileID: fileId });
        return isRecord(res) && Buffer.isBuffer(res.fileContent) ? res.fileContent : null;
      } catch {
        return null;
      }
    },
  };
}
