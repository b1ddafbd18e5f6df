/**
 * A page rendered by miniprogram-simulate, written out as one HTML document Chromium can
 * photograph: the jsdom tree, the WXSS simulate compiled for this page and its components
 * (rpx as a 375 px phone shows it), app.wxss, WeChat's own styles for its built-in tags, and
 * what jsdom cannot show put back (see ../../docs/miniprogram.md, "Screenshots"):
 *
 * - a TDesign component is a virtual host: the `class` a page gives it belongs on its inner node;
 * - input and textarea values and placeholders live in j-component's virtual tree, not the DOM;
 * - `<image>` sources, `t-image` (which waits for a `load` event), the icon font (loaded from a
 *   CDN in WeChat: the same-named SVGs of tdesign-icons-svg), `t-qrcode`'s canvas (drawn with
 *   the `qrcode` package), `rich-text` nodes, `<text decode>` entities;
 * - every node the page's own templates bind a tap to is marked `data-shot-tap`, for the audit.
 */
import fs from 'node:fs';
import path from 'node:path';
import { halfRpx, MP_ROOT } from './runtime';

/** An exparser node, as far as this file reads it. */
export interface XNode {
  $$?: HTMLLike | null;
  _vt?: { type?: string; tagName?: string; attrs?: Array<{ name: string; value: unknown }>; event?: Record<string, { name: string; handler?: string }> };
  childNodes?: XNode[];
  shadowRoot?: XNode;
}

/** The few DOM calls made on jsdom nodes here. */
export interface HTMLLike {
  nodeType: number;
  tagName?: string;
  outerHTML: string;
  innerHTML: string;
  textContent: string | null;
  childNodes: ArrayLike<HTMLLike>;
  classList: { add(...c: string[]): void };
  setAttribute(name: string, value: string): void;
  getAttribute(name: string): string | null;
  querySelector(selector: string): HTMLLike | null;
  appendChild(node: HTMLLike): void;
}

const doc = () => (globalThis as any).document as { createElement(tag: string): HTMLLike; head: { querySelectorAll(s: string): ArrayLike<HTMLLike & { remove(): void }> } };

/** Our own components (their templates' taps count as the page's); TDesign's insides do not. */
function ownComponentTags(): Set<string> {
  const tags = new Set(['main']);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') walk(file);
      } else if (entry.name.endsWith('.json')) {
        const using: Record<string, string> = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents ?? {};
        for (const [tag, target] of Object.entries(using)) if (target.startsWith('/components/') || target.startsWith('.')) tags.add(tag);
      }
    }
  };
  walk(MP_ROOT);
  return tags;
}
const OWN = ownComponentTags();

const TAP_EVENTS = new Set(['tap', 'longpress', 'longtap']);
/** Fields and switches are touched too: their bound changes make them targets. */
const FIELD_TAGS = new Set(['t-input', 't-textarea', 't-search', 't-switch', 'picker']);

/** A node's attributes as its template set them (j-component keeps them camel-cased: `placeholderClass`). */
const attrsOf = (n: XNode): Record<string, unknown> => Object.fromEntries((n._vt?.attrs ?? []).map((a) => [a.name.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase()), a.value]));
const isElement = (d: HTMLLike | null | undefined): d is HTMLLike => !!d && d.nodeType === 1;

/** The first element a node shows: itself, or for a virtual host or a block the first element inside. */
function firstElement(n: XNode): HTMLLike | null {
  if (isElement(n.$$)) return n.$$;
  for (const c of [...(n.shadowRoot?.childNodes ?? []), ...(n.childNodes ?? [])]) {
    const e = firstElement(c);
    if (e) return e;
  }
  return null;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const ENTITIES: Record<string, string> = { '&nbsp;': '\u00a0', '&ensp;': '\u2002', '&emsp;': '\u2003', '&lt;': '<', '&gt;': '>', '&amp;': '&', '&apos;': "'", '&quot;': '"' };

const ICON_DIR = path.join(path.dirname(require.resolve('tdesign-icons-svg/package.json')), 'src');
const iconCache = new Map<string, string>();
function iconSvg(name: string): string {
  if (!iconCache.has(name)) {
    const file = path.join(ICON_DIR, `${name}.svg`);
    const svg = fs.existsSync(file) ? fs.readFileSync(file, 'utf8').replace('view-box=', 'viewBox=').replace(/\sclass="[^"]*"/, '') : '';
    iconCache.set(name, svg.replace('<svg ', '<svg style="display:block" '));
  }
  return iconCache.get(name)!;
}

/** What a local image path is as a data URL (cloud file IDs and temp paths have no picture here). */
function imageUrl(src: string, route: string): string | null {
  if (/^(https?:|data:)/.test(src)) return src;
  if (/^(cloud|wxfile):/.test(src) || !src) return null;
  const file = src.startsWith('/') ? path.join(MP_ROOT, src) : path.join(MP_ROOT, path.dirname(route), src);
  if (!fs.existsSync(file)) return null;
  const ext = path.extname(file).slice(1).replace('jpg', 'jpeg');
  return `data:image/${ext === 'svg' ? 'svg+xml' : ext};base64,${fs.readFileSync(file).toString('base64')}`;
}

const OBJECT_FIT: Record<string, string> = { aspectFill: 'cover', aspectFit: 'contain', scaleToFill: 'fill', widthFix: 'cover', heightFix: 'cover' };

interface RichNode {
  name?: string;
  type?: string;
  text?: string;
  attrs?: Record<string, string>;
  children?: RichNode[];
}
function richHtml(nodes: unknown): string {
  if (typeof nodes === 'string') return nodes;
  if (!Array.isArray(nodes)) return '';
  return (nodes as RichNode[])
    .map((n) => {
      if (n.type === 'text') return escapeHtml(n.text ?? '');
      const attrs = Object.entries(n.attrs ?? {}).map(([k, v]) => ` ${k}="${escapeHtml(String(v))}"`).join('');
      return `<${n.name ?? 'div'}${attrs}>${richHtml(n.children ?? [])}</${n.name ?? 'div'}>`;
    })
    .join('');
}

/** The exparser tree under a page rendered by j-component (its `_exparserNode`). */
export const treeOf = (page: unknown): XNode => (page as { _exparserNode: XNode })._exparserNode;

/** Lets t-image show its picture: it keeps a loading mask until the `load` event WeChat would send. */
export function loadImages(root: XNode): void {
  const visit = (n: XNode) => {
    if (n._vt?.tagName === 't-image') {
      const caller = require('miniprogram-exparser').Element.getMethodCaller(n) as { onLoaded?(e: unknown): void } | undefined;
      caller?.onLoaded?.({ detail: { width: 120, height: 120 } });
    }
    for (const c of [...(n.shadowRoot?.childNodes ?? []), ...(n.childNodes ?? [])]) visit(c);
  };
  visit(root);
}

/** What one page shows, ready to be written into the document Chromium opens. */
export interface SerializedPage {
  /** The page's tree with every fix above applied. */
  body: string;
  /** `<page-meta page-style>`: styles on the page root (the care mode's variables). */
  pageStyle: string;
  /** QR codes to draw, by the id of the placeholder that stands for them. */
  qrcodes: Array<{ id: string; value: string; size: number }>;
}

/**
 * Applies the fixes to the live jsdom tree of `root` (the page: it is not used afterwards)
 * and answers its HTML.
 */
export function serialize(root: XNode, dom: HTMLLike, route: string): SerializedPage {
  let pageStyle = '';
  const qrcodes: SerializedPage['qrcodes'] = [];
  const caller = (n: XNode) => require('miniprogram-exparser').Element.getMethodCaller(n) as { data?: Record<string, any> } | undefined;

  const visit = (n: XNode, owner: string) => {
    const vt = n._vt ?? {};
    const tag = vt.tagName ?? '';
    const attrs = attrsOf(n);
    const el = firstElement(n);
    const isComponent = !!n.shadowRoot;

    // The class a page puts on a virtual-host component goes on its inner node, with the page's prefix.
    if (isComponent && !isElement(n.$$) && typeof attrs.class === 'string' && attrs.class.trim() && el) {
      el.classList.add(...attrs.class.trim().split(/\s+/).map((c) => `${owner}--${c}`));
    }
    if (OWN.has(owner) && el) {
      const events = Object.values(vt.event ?? {}).filter((e) => e.handler);
      if (events.some((e) => TAP_EVENTS.has(e.name)) || (events.length > 0 && FIELD_TAGS.has(tag))) el.setAttribute('data-shot-tap', '1');
    }

    if (isElement(n.$$)) {
      const d = n.$$;
      // exparser keeps ids to itself: `wx.pageScrollTo({ selector: '#…' })` needs them in the document.
      if (typeof attrs.id === 'string' && attrs.id) d.setAttribute('id', attrs.id);
      if (tag === 'input' || tag === 'textarea') {
        const value = String(attrs.value ?? '');
        const placeholderClass = String(attrs.placeholderClass ?? '').trim().split(/\s+/).filter(Boolean).map((c) => `${owner}--${c}`).join(' ');
        d.innerHTML = value ? escapeHtml(value) : `<span class="shot-placeholder ${placeholderClass}">${escapeHtml(String(attrs.placeholder ?? ''))}</span>`;
        if (attrs.autoHeight) d.setAttribute('data-shot-auto-height', '1');
      } else if (tag === 'image') {
        const url = imageUrl(String(attrs.src ?? ''), route);
        const fit = OBJECT_FIT[String(attrs.mode ?? '')] ?? 'fill';
        if (String(attrs.mode) === 'widthFix') d.setAttribute('data-shot-width-fix', '1');
        d.innerHTML = url ? `<img src="${url}" style="width:100%;height:100%;object-fit:${fit};display:block">` : '<span class="shot-no-image"></span>';
      } else if (tag === 'rich-text') {
        d.innerHTML = richHtml(attrs.nodes);
      } else if (tag === 'text' && attrs.decode) {
        d.innerHTML = escapeHtml(String(d.textContent ?? '')).replace(/&amp;(nbsp|ensp|emsp|lt|gt|amp|apos|quot);/g, (m) => ENTITIES[m.replace('&amp;', '&')] ?? m);
      } else if (tag === 'page-meta') {
        pageStyle = halfRpx(String(attrs.pageStyle ?? ''));
      }
    }
    if (tag === 't-icon' && isComponent && el) {
      const name = String(caller(n)?.data?.name ?? '');
      const label = el.querySelector('wx-label');
      const svg = iconSvg(name);
      if (label && svg) {
        label.innerHTML = svg;
        label.setAttribute('data-shot-icon', name);
      }
    }
    if (tag === 't-qrcode' && isComponent && el) {
      const data = caller(n)?.data ?? {};
      const id = `shot-qr-${qrcodes.length}`;
      qrcodes.push({ id, value: String(data.value ?? ''), size: Number(data.size ?? 160) });
      el.innerHTML = `<img id="${id}" style="display:block;width:100%;height:100%">`;
    }

    for (const c of n.childNodes ?? []) visit(c, owner);
    if (n.shadowRoot) for (const c of n.shadowRoot.childNodes ?? []) visit(c, tag || owner);
  };
  visit(root, 'main');
  return { body: dom.outerHTML, pageStyle, qrcodes };
}

/** The CSS simulate compiled for the page now open (its own and its components'), then forgets it. */
export function takePageCss(): string {
  const styles = Array.from(doc().head.querySelectorAll('style'));
  const css = styles.length ? styles[styles.length - 1].innerHTML : '';
  return css;
}

/** Removes the CSS of pages opened before (simulate adds one `<style>` per page and keeps them). */
export function clearPageCss(): void {
  for (const s of Array.from(doc().head.querySelectorAll('style'))) s.remove();
}
