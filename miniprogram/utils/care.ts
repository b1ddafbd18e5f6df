/**
 * 关怀模式 (large text for elderly residents, the 2021 适老化 rules). The text size is the
 * resident's choice on 首页 (大字 / 标准), remembered on the phone; until they choose, it
 * follows WeChat's own font size (我 → 设置 → 通用 → 字体大小, `wx.getAppBaseInfo().fontSizeSetting`:
 * 16 px on Android and 17 px on iOS by default).
 *
 * Every page puts `careStyle` on its root (`<page-meta page-style="{{careStyle}}" />`): CSS
 * variables that app.wxss and the pages' WXSS size their text with (`--care-body` and the
 * rest), TDesign's font tokens included.
 */

import { TEXT_SIZE_KEY } from './keys';

export type TextSize = 'standard' | 'large';

/** WeChat font sizes (px) from which the large text is on when the resident has not chosen. */
export const LARGE_FROM_WECHAT_PX = 20;

/** The resident's choice, if any. */
export function chosenTextSize(): TextSize | null {
  const v = wx.getStorageSync(TEXT_SIZE_KEY);
  return v === 'large' || v === 'standard' ? v : null;
}

/** WeChat's font size setting in px, where the platform says it (0 when it does not). */
export function wechatFontPx(): number {
  try {
    const info = typeof wx.getAppBaseInfo === 'function' ? wx.getAppBaseInfo() : wx.getSystemInfoSync();
    return Number((info as { fontSizeSetting?: number }).fontSizeSetting) || 0;
  } catch {
    return 0;
  }
}

/** The text size the pages use now. */
export function textSize(): TextSize {
  return chosenTextSize() ?? (wechatFontPx() >= LARGE_FROM_WECHAT_PX ? 'large' : 'standard');
}

/** Remembers the resident's choice. */
export function chooseTextSize(size: TextSize): void {
  wx.setStorageSync(TEXT_SIZE_KEY, size);
}

/**
 * The page-root style of a text size: the standard sizes are app.wxss's own (body 16 px,
 * secondary 14 px, nothing under 12 px on a 375 px phone); the large ones are 2 px larger.
 */
export function careStyle(size: TextSize): string {
  return size === 'large' ? '--care-body: 36rpx; --care-secondary: 32rpx; --care-small: 28rpx; --care-title: 40rpx; --care-heading: 44rpx; --care-display: 56rpx;' : '';
}
