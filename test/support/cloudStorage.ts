/**
 * CloudBase storage in memory, for tests: what `wx.cloud.uploadFile` (the mini-program) and
 * `cloud.uploadFile` / `cloud.downloadFile` (wx-server-sdk) do, over one map. File IDs look like
 * the real ones, `cloud://<env>.7465-<env>/<path>`. The server reaches it through the real
 * adapter (core/adapters/wechat/files.ts `cloudFiles`), so `stat` is tested as it runs.
 */
import { cloudFiles, type CloudStorage } from '../../core/adapters/wechat/files';
import { memoryFiles, type FileStore } from '../../core/ports/files';

/** The smallest bytes that read as a JPEG (its magic number), for uploads that have no real photo. */
export const JPEG_STUB = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01]);

export interface FakeCloudStorage extends CloudStorage {
  env: string;
  files: Map<string, Buffer>;
  /** Keeps `bytes` at `path` as an upload would; answers the file ID. */
  put(path: string, bytes?: Buffer): string;
  fileIdOf(path: string): string;
}

export function fakeCloudStorage(env = 'test-env'): FakeCloudStorage {
  const files = new Map<string, Buffer>();
  const fileIdOf = (path: string) => `cloud://${env}.7465-${env}/${path}`;
  return {
    env,
    files,
    fileIdOf,
    put(path, bytes = JPEG_STUB) {
      files.set(fileIdOf(path), bytes);
      return fileIdOf(path);
    },
    async uploadFile({ cloudPath, fileContent }) {
      files.set(fileIdOf(cloudPath), fileContent);
      return { fileID: fileIdOf(cloudPath), statusCode: 204 };
    },
    async downloadFile({ fileID }) {
      const bytes = files.get(fileID);
      // The SDK rejects for a missing file (STORAGE_FILE_NONEXIST); the adapter answers null then.
      if (!bytes) throw Object.assign(new Error('storage file not exists'), { errCode: -503003 });
      return { fileContent: bytes, statusCode: 200 };
    },
  };
}

/**
 * The tests' Files port: generated files in memory (`mem://…`, as before) and uploaded photos
 * in the fake CloudBase storage (`cloud://…`), each read through its own adapter.
 */
export function testFiles(storage: FakeCloudStorage): FileStore & ReturnType<typeof memoryFiles> {
  const memory = memoryFiles();
  const cloud = cloudFiles(storage, () => storage.env);
  return {
    ...memory,
    read: (id) => (id.startsWith('cloud://') ? cloud.read(id) : memory.read(id)),
    stat: (id) => (id.startsWith('cloud://') ? cloud.stat(id) : memory.stat(id)),
  };
}
