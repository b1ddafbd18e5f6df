/**
 * Photographing a serialized page in Chromium (Debian's `chromium`, driven by puppeteer-core):
 * a 375 × 812 phone at device scale 2, WeChat's status and navigation bars drawn on top (left
 * out of the audit: they are WeChat's), the page scrolled where the page asked
 * (`wx.pageScrollTo`), and the audit measured in the same page.
 */
import fs from 'node:fs';
import path from 'node:path';
import QRCode from 'qrcode';
import type { Browser } from 'puppeteer-core';
import type { Measure } from './audit';
import { appWindow, MP_ROOT } from './runtime';
import type { SerializedPage } from './serialize';

export const PHONE = { width: 375, height: 812, scale: 2, statusBar: 44, navBar: 44, safeBottom: 34 };

const CHROMIUM_PATHS = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium to drive: `CHROMIUM_PATH`, or Debian's. */
export function chromiumPath(): string {
  const found = [process.env.CHROMIUM_PATH, ...CHROMIUM_PATHS].find((p): p is string => !!p && fs.existsSync(p));
  if (!found) throw new Error('Chromium not found: `apt-get install -y chromium fonts-noto-cjk` (or set CHROMIUM_PATH); see docs/miniprogram.md');
  return found;
}

export async function launch(): Promise<Browser> {
  const puppeteer = await import('puppeteer-core');
  return puppeteer.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none', '--force-color-profile=srgb'] });
}

/** WeChat's own styles for its built-in tags, as far as these pages use them. */
const BASE_CSS = `
@font-face { font-family: "PingFang SC"; src: local("NotoSansCJKsc-Regular"); font-weight: 100 500; }
@font-face { font-family: "PingFang SC"; src: local("NotoSansCJKsc-Bold"); font-weight: 600 900; }
html, body { margin: 0; padding: 0; }
/* WeChat on a phone shows PingFang SC (iOS) or the system's CJK sans: here Noto Sans CJK SC under its name. */
body { font-family: "PingFang SC", sans-serif; -webkit-text-size-adjust: 100%; }
main, wx-view, wx-scroll-view, wx-swiper, wx-picker, wx-form, wx-navigator, wx-rich-text, wx-canvas, wx-page-meta { display: block; }
wx-page-meta { display: none; }
wx-text, wx-label { display: inline; }
wx-text { white-space: pre-wrap; }
wx-image { display: inline-block; overflow: hidden; width: 320px; height: 240px; position: relative; }
wx-image[data-shot-width-fix] { height: auto; }
.shot-no-image { display: block; width: 100%; height: 100%; background: #e7e7e7; }
wx-input { display: block; height: 1.4em; line-height: 1.4em; min-height: 1.4em; overflow: hidden; text-overflow: clip; white-space: nowrap; }
wx-textarea { display: block; position: relative; width: 300px; height: 150px; white-space: pre-wrap; word-break: break-all; overflow: hidden; }
wx-textarea[data-shot-auto-height] { height: auto; min-height: 1.4em; }
.shot-placeholder { color: #808080; }
wx-button { position: relative; display: block; margin-left: auto; margin-right: auto; padding-left: 14px; padding-right: 14px; box-sizing: border-box; font-size: 18px; text-align: center; text-decoration: none; line-height: 2.55555556; border-radius: 5px; overflow: hidden; color: #000; background-color: #f8f8f8; }
wx-button::after { content: " "; width: 200%; height: 200%; position: absolute; top: 0; left: 0; border: 1px solid rgba(0, 0, 0, 0.2); transform: scale(0.5); transform-origin: 0 0; box-sizing: border-box; border-radius: 10px; }
[data-shot-icon]::before { content: none !important; }
[data-shot-icon] svg { width: 1em; height: 1em; }
`;

/** WeChat's status bar and navigation bar (title from the page's json, colours from app.json). */
function chrome(title: string): string {
  const w = appWindow();
  const bg = w.navigationBarBackgroundColor ?? '#ffffff';
  const fg = w.navigationBarTextStyle === 'white' ? '#ffffff' : '#000000';
  const esc = title.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  return `<div data-shot-chrome style="position:fixed;top:0;left:0;right:0;height:${PHONE.statusBar + PHONE.navBar}px;background:${bg};color:${fg};z-index:9999;font-family:'Noto Sans CJK SC',sans-serif">
  <div style="height:${PHONE.statusBar}px;display:flex;align-items:center;justify-content:space-between;padding:0 28px;font-size:15px;font-weight:600"><span>10:00</span><span style="letter-spacing:2px">•••• 5G ▭</span></div>
  <div style="height:${PHONE.navBar}px;display:flex;align-items:center;justify-content:center;font-size:17px;font-weight:600;position:relative">${esc}
    <div style="position:absolute;right:7px;top:6px;width:87px;height:32px;border-radius:16px;border:1px solid ${fg === '#ffffff' ? 'rgba(255,255,255,.25)' : 'rgba(0,0,0,.1)'};background:${fg === '#ffffff' ? 'rgba(0,0,0,.15)' : 'rgba(255,255,255,.6)'};display:flex;align-items:center;justify-content:space-around;font-size:14px">··· <span style="opacity:.5">|</span> ◎</div>
  </div></div>`;
}

/** `page` is the page root in WeChat: TDesign's tokens (html) sit under the app's and the page's (body). */
const pageSelector = (css: string, as: string) => css.replace(/(^|[{},\s])page(?=[\s{,.:#[])/g, `$1${as}`);
const fixEnv = (css: string) => css.replace(/env\(safe-area-inset-bottom\)/g, `${PHONE.safeBottom}px`).replace(/constant\(safe-area-inset-bottom\)/g, `${PHONE.safeBottom}px`);

let appCss: string | null = null;
/** app.wxss as WeChat applies it to a page (class prefix of the page, rpx converted). */
function appStyles(): string {
  if (appCss === null) {
    const wxss = require('miniprogram-simulate/src/wxss') as { compile(css: string, o: { prefix: string }): string };
    const rpx = (require('miniprogram-simulate/src/utils') as { transformRpx(css: string): string }).transformRpx;
    const source = fs.readFileSync(path.join(MP_ROOT, 'app.wxss'), 'utf8');
    // Its classes apply to the page (prefix `main`) and to our components that share styles.
    appCss = ['main', 'state-view'].map((prefix) => rpx(wxss.compile(source, { prefix }))).join('\n');
  }
  return appCss;
}

/** The whole document of one shot. */
export function documentOf(page: SerializedPage, pageCss: string, title: string): string {
  const bodyStyle = page.pageStyle.replace(/"/g, '&quot;');
  return `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=${PHONE.width}">
<style>${BASE_CSS}</style>
<style>${fixEnv(pageSelector(pageCss, 'html'))}</style>
<style>${fixEnv(pageSelector(appStyles(), 'body'))}</style>
</head><body style="${bodyStyle}"><div style="height:${PHONE.statusBar + PHONE.navBar}px" data-shot-chrome></div>${chrome(title)}${page.body}</body></html>`;
}

/** What the page asked `wx.pageScrollTo` last: a selector (with the page's class prefix) or a scrollTop. */
export type Scroll = { selector?: string; scrollTop?: number } | undefined;

/** Opens the document, draws the QR codes, scrolls, measures, photographs. */
export async function photograph(browser: Browser, html: string, page: SerializedPage, scroll: Scroll, scale: number = PHONE.scale): Promise<{ png: Uint8Array; measure: Measure }> {
  const tab = await browser.newPage();
  try {
    await tab.setViewport({ width: PHONE.width, height: PHONE.height, deviceScaleFactor: scale });
    await tab.setContent(html, { waitUntil: 'load' });
    for (const qr of page.qrcodes) {
      const url = await QRCode.toDataURL(qr.value || ' ', { margin: 0, width: qr.size * scale });
      await tab.evaluate((id: string, src: string) => {
        const img = (globalThis as any).document.getElementById(id);
        if (img) img.src = src;
      }, qr.id, url);
    }
    await tab.evaluate(() => (globalThis as any).document.fonts.ready);
    if (scroll?.selector) {
      // A page selector names its own classes: `.form-error` is `.main--form-error` in the tree.
      const selector = scroll.selector.replace(/\.([\w-]+)/g, '.main--$1');
      await tab.evaluate((sel: string, offset: number) => {
        const g = globalThis as any;
        const el = g.document.querySelector(sel);
        if (el) g.window.scrollTo(0, el.getBoundingClientRect().top + g.window.scrollY - offset);
      }, selector, PHONE.statusBar + PHONE.navBar);
    } else if (scroll?.scrollTop) {
      await tab.evaluate((y: number) => (globalThis as any).window.scrollTo(0, y), scroll.scrollTop);
    }
    const measure = (await tab.evaluate(auditScript())) as Measure;
    const png = await tab.screenshot({ type: 'png' });
    return { png, measure };
  } finally {
    await tab.close();
  }
}

let script: string | null = null;
const auditScript = () => (script ??= fs.readFileSync(path.join(__dirname, 'audit-in-page.js'), 'utf8'));
