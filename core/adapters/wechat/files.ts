import { SAFE_PATH, parseCloudFileId, statOf, type FileStore } from '../../ports/files';

/** The slice of wx-server-sdk's storage API this adapter uses (`cloud` satisfies it). */
export interface CloudStorage {
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<unknown>;
  downloadFile(options: { fileID: string }): Promise<unknown>;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/**
 * Files in CloudBase storage: `cloud.uploadFile` and `cloud.downloadFile`
 * (developers.weixin.qq.com/minigame/dev/wxcloud/reference-sdk-api/storage/downloadFile/server.downloadFile.md:
 * `{ fileContent: Buffer, statusCode }`). `envId` answers this environment's id
 * (`getWXContext().ENV`): `stat` knows no file of another environment.
 */
export function cloudFiles(cloud: CloudStorage, envId: () => string | undefined = () => undefined): FileStore {
  async function read(fileId: string): Promise<Buffer | null> {
    if (!/^cloud:\/\//.test(fileId)) return null;
    try {
      const res = await cloud.downloadFile({ fileID: fileId });
      return isRecord(res) && Buffer.isBuffer(res.fileContent) ? res.fileContent : null;
    } catch {
      return null;
    }
  }
  return {
    async save(path, bytes) {
      if (!SAFE_PATH.test(path)) throw new Error(`bad file path ${path}`);
      const res = await cloud.uploadFile({ cloudPath: path, fileContent: bytes });
      if (!isRecord(res) || typeof res.fileID !== 'string') throw new Error('CloudBase: uploadFile answered no fileID');
      return { fileId: res.fileID };
    },
    read,
    async stat(fileId) {
      // The storage API gives no size or type without the bytes: a photo is at most 5 MB, read
      // once at submit (same region). The type is sniffed from the bytes, never from the name.
      const parsed = parseCloudFileId(fileId);
      const env = envId();
      if (!parsed || !env || parsed.env !== env) return null;
      const bytes = await read(fileId);
      return bytes ? statOf(bytes) : null;
    },
  };
}
