import QRCode from 'qrcode';
import type { Codes } from '../../ports/codes';

/** The text a local QR code holds: the page path with its id, as the back end's messages link to it. */
export const qrTextOf = (page: string, id: string) => `${page}?id=${encodeURIComponent(id)}`;

/**
 * QR codes on the local host and in tests: a PNG of the page path with its id (`qrcode`, which
 * the local host has like tsx, from the dev install; the cloud bundles never import this file).
 */
export function qrCodes(): Codes {
  return {
    kind: 'qr',
    async image({ page, id }) {
      const bytes = await QRCode.toBuffer(qrTextOf(page, id), { type: 'png', errorCorrectionLevel: 'M', margin: 2, width: 280 });
      return { bytes, contentType: 'image/png' };
    },
  };
}
