/**
 * The audit of one shot, and the limits every page must keep (适老化, the 2021 rules for
 * elderly users, as docs/miniprogram.md states them):
 *
 * - body text at least 16 px (18 px in the large-text mode): the median font size of the
 *   page's characters;
 * - nothing under 12 px;
 * - every character at a contrast of at least 4.5:1 against what is behind it;
 * - every tap target at least 44 × 44 px.
 *
 * The share of text under 14 px is reported, not limited: secondary lines may be 14 px.
 */

/** What audit-in-page.js answers. */
export interface Measure {
  text: Array<{ text: string; chars: number; fontPx: number; contrast: number; top: number }>;
  targets: Array<{ text: string; width: number; height: number; top: number }>;
  pageHeight: number;
}

export const LIMITS = { bodyPx: 16, bodyPxLarge: 18, minFontPx: 12, contrast: 4.5, targetPx: 44 } as const;

export interface Audit {
  chars: number;
  /** The smallest font size of any visible character. */
  minFontPx: number;
  /** The median font size, by characters. */
  bodyPx: number;
  /** Share of characters under 14 px (0–1). */
  under14: number;
  /** Share of characters under 4.5:1 contrast (0–1). */
  lowContrast: number;
  /** Tap targets under 44 px in width or height. */
  smallTargets: Array<{ text: string; width: number; height: number }>;
  /** Text under 4.5:1, worst first (at most 10). */
  lowContrastText: Array<{ text: string; contrast: number; fontPx: number }>;
  /** Text under 12 px (at most 10). */
  tinyText: Array<{ text: string; fontPx: number }>;
  targets: number;
  pageHeight: number;
}

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;

export function auditOf(m: Measure): Audit {
  const chars = m.text.reduce((n, t) => n + t.chars, 0);
  const sorted = [...m.text].sort((a, b) => a.fontPx - b.fontPx);
  let seen = 0;
  let bodyPx = 0;
  for (const t of sorted) {
    seen += t.chars;
    if (seen * 2 >= chars) {
      bodyPx = t.fontPx;
      break;
    }
  }
  const share = (pred: (t: Measure['text'][number]) => boolean) => (chars ? round(m.text.filter(pred).reduce((n, t) => n + t.chars, 0) / chars) : 0);
  const low = m.text.filter((t) => t.contrast < LIMITS.contrast);
  return {
    chars,
    minFontPx: sorted.length ? sorted[0].fontPx : 0,
    bodyPx,
    under14: share((t) => t.fontPx < 14),
    lowContrast: share((t) => t.contrast < LIMITS.contrast),
    smallTargets: m.targets.filter((t) => t.width < LIMITS.targetPx || t.height < LIMITS.targetPx).map(({ text, width, height }) => ({ text, width, height })),
    lowContrastText: low
      .sort((a, b) => a.contrast - b.contrast)
      .slice(0, 10)
      .map(({ text, contrast, fontPx }) => ({ text, contrast, fontPx })),
    tinyText: m.text.filter((t) => t.fontPx < LIMITS.minFontPx).slice(0, 10).map(({ text, fontPx }) => ({ text, fontPx })),
    targets: m.targets.length,
    pageHeight: m.pageHeight,
  };
}

/** The limits a shot breaks, in words ([] when it keeps them all). */
export function breaches(a: Audit, large: boolean): string[] {
  const out: string[] = [];
  const body = large ? LIMITS.bodyPxLarge : LIMITS.bodyPx;
  if (a.chars === 0) return out;
  if (a.bodyPx < body) out.push(`body text ${a.bodyPx}px < ${body}px`);
  if (a.minFontPx < LIMITS.minFontPx) out.push(`text at ${a.minFontPx}px < ${LIMITS.minFontPx}px: ${a.tinyText.map((t) => `“${t.text}”`).join(' ')}`);
  if (a.lowContrast > 0) out.push(`${pct(a.lowContrast)} of text under ${LIMITS.contrast}:1: ${a.lowContrastText.slice(0, 4).map((t) => `“${t.text}” ${t.contrast}`).join(' ')}`);
  if (a.smallTargets.length) out.push(`${a.smallTargets.length} tap targets under ${LIMITS.targetPx}px: ${a.smallTargets.slice(0, 4).map((t) => `“${t.text}” ${t.width}×${t.height}`).join(' ')}`);
  return out;
}

export const pct = (x: number) => `${Math.round(x * 100)}%`;
