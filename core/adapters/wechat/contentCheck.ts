import type { ContentCheck } from '../../ports/contentCheck';

/** The slice of `cloud.openapi` this adapter uses (described here so core imports no SDK). */
export interface SecurityOpenApi {
  security: {
    msgSecCheck(req: { content: string; version: 2; scene: 1 | 2 | 3 | 4; openid: string }): Promise<{
      errCode?: number;
      result?: { suggest?: string; label?: number };
    }>;
  };
}

/**
 * ContentCheck through `security.msgSecCheck` v2. Its errcode is 0 even for risky text:
 * the verdict is `result.suggest` (pass / review / risky). Scene 2 is "comment".
 * Only `pass` is accepted, so text under review is not published unchecked.
 */
export function wechatContentCheck(openapi: SecurityOpenApi): ContentCheck {
  return {
    async isAcceptable(text, openid) {
      const res = await openapi.security.msgSecCheck({ content: text.slice(0, 2500), version: 2, scene: 2, openid });
      return res.result?.suggest === 'pass';
    },
  };
}
