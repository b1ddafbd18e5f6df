/**
 * The printable A4 notices (`receptions.notice`, `forums.notice`: core/shared/printable.ts),
 * previewed with `<rich-text>` as they will be posted at the studio. On the local cloud the
 * notice's address can be copied to print it from a computer's browser.
 */
import { call, messageOf, printableNoticeUrl } from '../../../services/cloud';
import { failState, type PageState } from './staff';

/**
 * The notice's body for `<rich-text>`, which takes neither a document's head nor a stylesheet:
 * the body without its print button, with the stylesheet's main rules written inline, at the
 * phone's reading sizes (16 px text, nothing under 14 px) rather than the A4 sheet's.
 */
export function noticeBody(html: string): string {
  const body = /<body[^>]*>([\s\S]*)<\/body>/i.exec(html)?.[1] ?? html;
  return body
    .replace(/<p class="noprint"[\s\S]*?<\/p>/g, '')
    .replace(/<script[\s\S]*?<\/script>/gi, '')
    .replace(/<h1>/g, '<h1 style="text-align:center;font-size:24px;color:#a3121a;letter-spacing:4px;margin:0 0 4px">')
    .replace(/<div class="sub">/g, '<div style="text-align:center;font-size:18px;margin-bottom:12px">')
    .replace(/<dt>/g, '<dt style="font-weight:bold;margin-top:6px">')
    .replace(/<dd>/g, '<dd style="margin:0">')
    .replace(/<p class="about">/g, '<p style="font-size:16px;white-space:pre-wrap">')
    .replace(/<table>/g, '<table style="width:100%;border-collapse:collapse;margin:12px 0;font-size:16px">')
    .replace(/<th>/g, '<th style="border:1px solid #444;padding:4px;background:#f3f3f3;text-align:left">')
    .replace(/<td>/g, '<td style="border:1px solid #444;padding:4px">')
    .replace(/<div class="how">/g, '<div style="border:1px dashed #a3121a;padding:8px;font-size:16px">')
    .replace(/<footer>/g, '<footer style="display:block;margin-top:16px;text-align:right;font-size:14px;color:#444">');
}

/**
 * The page of one kind of notice: `fn` is the function whose `notice` action renders it; the
 * page gives its behaviors (关怀模式's `care`).
 */
export function noticePage(fn: 'receptions' | 'forums', options: { behaviors: string[] }): void {
  Component({
    behaviors: options.behaviors,
    data: {
      id: '',
      state: 'loading' as PageState,
      error: '',
      nodes: '',
      printUrl: '' as string,
    },
    methods: {
      onLoad(query: Record<string, string | undefined>) {
        const id = query.id ?? '';
        this.setData({ id, printUrl: printableNoticeUrl(id, fn) ?? '' });
        this.load();
      },
      async load() {
        this.setData({ state: 'loading', error: '' });
        try {
          const { html } = await call<{ html: string }>(fn, 'notice', { id: this.data.id });
          this.setData({ state: 'ready', nodes: noticeBody(html) });
        } catch (e) {
          this.setData({ state: failState(e), error: messageOf(e) });
        }
      },
      copyUrl() {
        if (this.data.printUrl) wx.setClipboardData({ data: this.data.printUrl });
      },
    },
  });
}
