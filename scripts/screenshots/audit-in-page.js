/*
 * Runs inside Chromium on a photographed page (page.evaluate): what the elderly-users rules
 * of docs/miniprogram.md measure. Plain JavaScript because it runs in the browser, outside the
 * project's TypeScript programs; scripts/screenshots/audit.ts declares what it answers.
 *
 * - text: every visible character of the page (WeChat's navigation bar left out) with its
 *   computed font size and its WCAG contrast against what is behind it (the nearest
 *   background colour, blended through transparent ones; for a gradient the worst of its
 *   colours; opacity of the element and its ancestors applied to the text);
 * - targets: every element the page's templates bind a tap to (`data-shot-tap`), with its box.
 */
(() => {
  const parse = (c) => {
    const m = /rgba?\(([^)]+)\)/.exec(c || '');
    if (!m) return null;
    const p = m[1].split(/[,\s/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const over = (top, bottom) => {
    const a = top.a + bottom.a * (1 - top.a);
    if (a === 0) return { r: 0, g: 0, b: 0, a: 0 };
    const mix = (x, y) => (x * top.a + y * bottom.a * (1 - top.a)) / a;
    return { r: mix(top.r, bottom.r), g: mix(top.g, bottom.g), b: mix(top.b, bottom.b), a };
  };
  const lum = (c) => {
    const f = (v) => {
      v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    };
    return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b);
  };
  const ratio = (a, b) => {
    const x = lum(a);
    const y = lum(b);
    return (Math.max(x, y) + 0.05) / (Math.min(x, y) + 0.05);
  };
  const gradientColors = (img) => (img && img !== 'none' ? (img.match(/rgba?\([^)]+\)/g) || []).map(parse) : []);

  /** The backgrounds behind an element: one colour, or several for a gradient (worst is taken). */
  const backgrounds = (el) => {
    const layers = [];
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      const grads = gradientColors(s.backgroundImage);
      if (grads.length) {
        layers.push(grads);
        if (grads.every((g) => g.a === 1)) break;
      }
      const c = parse(s.backgroundColor);
      if (c && c.a > 0) {
        layers.push([c]);
        if (c.a === 1) break;
      }
    }
    let result = [{ r: 255, g: 255, b: 255, a: 1 }];
    for (let i = layers.length - 1; i >= 0; i--) {
      const next = [];
      for (const top of layers[i]) for (const bottom of result) next.push(over(top, bottom));
      result = next;
    }
    return result;
  };
  const opacityOf = (el) => {
    let o = 1;
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) o *= Number(getComputedStyle(e).opacity);
    return o;
  };
  const visible = (el) => {
    for (let e = el; e && e.nodeType === 1; e = e.parentElement) {
      const s = getComputedStyle(e);
      if (s.display === 'none' || s.visibility === 'hidden' || Number(s.opacity) === 0) return false;
    }
    return true;
  };
  const inChrome = (el) => !!el.closest('[data-shot-chrome]');
  const clip = (s) => s.replace(/\s+/g, ' ').trim().slice(0, 24);

  const text = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const chars = node.textContent.replace(/\s+/g, '').length;
    if (!chars) continue;
    const el = node.parentElement;
    if (!el || inChrome(el) || !visible(el) || el.closest('svg')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    const rect = range.getBoundingClientRect();
    if (rect.width === 0 || rect.height === 0) continue;
    const s = getComputedStyle(el);
    const color = parse(s.color);
    if (!color) continue;
    const opacity = opacityOf(el);
    let worst = Infinity;
    for (const bg of backgrounds(el)) {
      const fg = over({ ...color, a: color.a * opacity }, bg);
      worst = Math.min(worst, ratio(fg, bg));
    }
    text.push({
      text: clip(node.textContent),
      chars,
      fontPx: parseFloat(s.fontSize),
      contrast: Math.round(worst * 100) / 100,
      top: Math.round(rect.top + window.scrollY),
    });
  }

  const targets = [];
  for (const el of document.querySelectorAll('[data-shot-tap]')) {
    if (inChrome(el) || !visible(el)) continue;
    const r = el.getBoundingClientRect();
    if (r.width === 0 && r.height === 0) continue;
    targets.push({ text: clip(el.textContent || el.getAttribute('class') || ''), width: Math.round(r.width), height: Math.round(r.height), top: Math.round(r.top + window.scrollY) });
  }
  return { text, targets, pageHeight: document.documentElement.scrollHeight };
})();
