/**
 * The Codes port: the image of a code that opens a page of the mini-program, printed on the
 * notices. In the cloud a 小程序码 (`wxacode.getUnlimited`: the page without parameters and a
 * short `scene` the page reads back); on the local host and in tests a QR code of the page path
 * with its id (core/adapters/qr/codes.ts), since a 小程序码 needs WeChat's servers.
 */

/** What a code opens: a page of app.json (no leading slash, no query) and the id it is for. */
export interface CodeTarget {
  page: string;
  /** The document's id: the `scene` of a 小程序码 (≤ 32 characters), `?id=` of a QR code. */
  id: string;
}

export interface CodeImage {
  bytes: Buffer;
  contentType: string;
}

export interface Codes {
  /** Which kind of code this adapter draws (the notice says “微信扫一扫” either way). */
  readonly kind: 'wxacode' | 'qr';
  /** Draws the code for `target`. Costs a call to WeChat in the cloud: callers keep the result (core/codes/notice.ts). */
  image(target: CodeTarget): Promise<CodeImage>;
}

/** The most a 小程序码's `scene` may hold (developers.weixin.qq.com, getUnlimitedQRCode). */
export const MAX_SCENE = 32;

/** Characters a `scene` may hold; our ids use only letters, digits, `_` and `-`. */
export const SCENE = /^[0-9A-Za-z!#$&'()*+,/:;=?@\-._~]{1,32}$/;
