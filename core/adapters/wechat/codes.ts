import { MAX_SCENE, SCENE, type Codes } from '../../ports/codes';

/** The slice of `cloud.openapi` this adapter uses (wx-server-sdk answers `{ contentType, buffer }` for an image). */
export interface WxacodeOpenApi {
  wxacode: {
    getUnlimited(req: {
      scene: string;
      page: string;
      check_path: boolean;
      env_version: 'release' | 'trial' | 'develop';
      width: number;
    }): Promise<{ contentType?: string; buffer?: unknown; errCode?: number; errMsg?: string }>;
  };
}

/**
 * 小程序码 through `wxacode.getUnlimited` (permission in the function's config.json): `page` as
 * app.json names it, without a leading slash or parameters; the id in `scene` (≤ 32 visible
 * characters; the page reads `decodeURIComponent(query.scene)`). `check_path: false` lets a
 * code be drawn before the version holding the page is released. Codes never expire; WeChat
 * limits the calls (5000 a minute), so callers keep the image.
 */
export function wechatCodes(openapi: WxacodeOpenApi, envVersion: 'release' | 'trial' | 'develop' = 'release'): Codes {
  return {
    kind: 'wxacode',
    async image({ page, id }) {
      if (id.length > MAX_SCENE || !SCENE.test(id)) throw new Error(`wxacode: scene "${id}" is not ≤ ${MAX_SCENE} plain characters`);
      const res = await openapi.wxacode.getUnlimited({ scene: id, page: page.replace(/^\//, ''), check_path: false, env_version: envVersion, width: 280 });
      if (res.errCode && res.errCode !== 0) throw new Error(`wxacode.getUnlimited: ${res.errCode} ${res.errMsg ?? ''}`);
      if (!Buffer.isBuffer(res.buffer)) throw new Error('wxacode.getUnlimited answered no image');
      return { bytes: res.buffer, contentType: res.contentType ?? 'image/jpeg' };
    },
  };
}
