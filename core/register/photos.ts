/**
 * The photos sent with an opinion. A file ID is a pointer into storage that the client typed:
 * it is accepted only if the file is in this environment's storage, under the caller's own
 * upload folder (`uploadDirOf`, told by `members.me`), is an image by its bytes (JPEG, PNG,
 * GIF, WebP), and is at most 5 MB. So an item cannot point at someone else's photo, at an
 * export of the register (`exports/…`), or at anything that is not a picture.
 */
import type { Deps } from '../deps';
import { validationError } from '../errors';
import type { Caller } from '../members/types';
import { MAX_PHOTO_BYTES, parseCloudFileId, uploadDirOf } from '../ports/files';

/** Checks every photo (one storage read each, in parallel); throws VALIDATION naming the first that fails. */
export async function checkPhotos(deps: Deps, caller: Caller, photos: readonly string[]): Promise<void> {
  if (photos.length === 0) return;
  const dir = `${uploadDirOf(caller.openid)}/`;
  photos.forEach((id, i) => {
    const cloud = parseCloudFileId(id);
    if (id.startsWith('cloud://') && (!cloud || !cloud.path.startsWith(dir))) throw validationError(`第 ${i + 1} 张照片不是您本人上传的，请重新选择照片`);
  });
  const stats = await Promise.all(photos.map((id) => deps.files.stat(id)));
  stats.forEach((s, i) => {
    if (!s) throw validationError(`第 ${i + 1} 张照片未找到，请重新上传`);
    if (!s.image) throw validationError(`第 ${i + 1} 张照片不是图片：请上传 JPG、PNG、GIF 或 WebP 格式的照片`);
    if (s.bytes > MAX_PHOTO_BYTES) throw validationError(`第 ${i + 1} 张照片超过 5 MB，请压缩后重新上传`);
  });
}
