import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { IMAGE_TYPES, MAX_PHOTO_BYTES, sniffImage } from '../core/ports/files';

/**
 * Photo uploads on the local cloud, standing in for CloudBase storage: `wx.uploadFile`
 * posts multipart/form-data with the file in the field `file`; the host keeps it under
 * `<data dir>/uploads/` by content hash and answers a file ID `local://uploads/<name>`,
 * which `register.submit` accepts like a `cloud://` one. `GET /uploads/<name>` serves it.
 */
export const MAX_UPLOAD = MAX_PHOTO_BYTES;

/** Uploads one openid may make: a flood guard on the local stand-in for storage (per host process). */
export const UPLOADS_PER_HOUR = 30;

/**
 * Counts uploads per openid in the last hour; answers false when this one is over the limit.
 * In memory: the local host is one process. (In the cloud the mini-program writes to storage
 * directly; what `register.submit` accepts from there is checked there.)
 */
export function uploadThrottle(perHour = UPLOADS_PER_HOUR, now: () => number = Date.now) {
  const seen = new Map<string, number[]>();
  return (openid: string): boolean => {
    const t = now();
    const recent = (seen.get(openid) ?? []).filter((x) => x > t - 3600_000);
    if (recent.length >= perHour) {
      seen.set(openid, recent);
      return false;
    }
    seen.set(openid, [...recent, t]);
    return true;
  };
}

/** The bytes of the part named `field` in a multipart body, or null. */
export function multipartFile(body: Buffer, contentType: string, field = 'file'): Buffer | null {
  const m = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  if (!m) return null;
  const boundary = Buffer.from(`--${m[1] ?? m[2]}`);
  let start = body.indexOf(boundary);
  while (start >= 0) {
    const headerEnd = body.indexOf('\r\n\r\n', start);
    if (headerEnd < 0) return null;
    const headers = body.subarray(start, headerEnd).toString('utf8');
    const next = body.indexOf(boundary, headerEnd);
    if (next < 0) return null;
    if (new RegExp(`name="${field}"`).test(headers)) return body.subarray(headerEnd + 4, next - 2); // drop the CRLF before the boundary
    start = next;
  }
  return null;
}

/** Stores an image and answers its file ID; null when it is not a JPEG, PNG, GIF or WebP. */
export function storeUpload(dir: string, bytes: Buffer): string | null {
  const type = sniffImage(bytes);
  if (!type || bytes.length === 0) return null;
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.${type.ext}`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  return `local://uploads/${name}`;
}

/** The stored file for a name from the URL, with its MIME type; null if absent or malformed. */
export function readUpload(dir: string, name: string): { bytes: Buffer; mime: string } | null {
  const m = /^[a-f0-9]{32}\.(jpg|png|gif|webp)$/.exec(name);
  if (!m) return null;
  const file = path.join(dir, name);
  if (!fs.existsSync(file)) return null;
  return { bytes: fs.readFileSync(file), mime: (IMAGE_TYPES.find((t) => t.ext === m[1]) as (typeof IMAGE_TYPES)[number]).mime };
}

/**
 * An Excel sheet to import (住户名册, `sheets.importHouseholds`): an .xlsx is a zip, its bytes
 * start with `PK\x03\x04`. Kept beside the photos as `<hash>.xlsx`; the Files port reads it
 * back by its file ID `local://uploads/<name>` (core/adapters/files/local.ts). Photos keep
 * their own rules: a photo field never takes an .xlsx file ID.
 */
export function storeSheetUpload(dir: string, bytes: Buffer): string | null {
  if (bytes.length < 4 || bytes.readUInt32BE(0) !== 0x504b0304) return null;
  const name = `${createHash('sha256').update(bytes).digest('hex').slice(0, 32)}.xlsx`;
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), bytes);
  return `local://uploads/${name}`;
}
