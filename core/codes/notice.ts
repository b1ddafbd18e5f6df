/**
 * The code printed on a notice (接待公告, 论坛公告): drawn once per page and document through
 * the Codes port, kept through the Files port, and found again by a small document in `codes`
 * (the file ID, which only the upload answers). A notice reads that document in the same round
 * as the reception or forum, so a code already drawn costs no extra database round; the first
 * notice of a document draws the code, uploads it and writes the document (one round more).
 */
import { createHash } from 'node:crypto';
import type { Deps } from '../deps';
import type { CodeTarget } from '../ports/codes';
import { DuplicateId, VersionConflict, type StoredDoc } from '../ports/store';

/** A code already drawn: where its image is kept. */
export interface CodeDoc extends StoredDoc {
  kind: 'wxacode' | 'qr';
  page: string;
  targetId: string;
  fileId: string;
  contentType: string;
  createdAt: number;
}

/** The `codes` document of a target: one per kind of code, page and id. */
export const codeDocId = (kind: string, t: CodeTarget) => 'cd' + createHash('sha256').update(`${kind}\u0000${t.page}\u0000${t.id}`).digest('hex').slice(0, 30);

/** Reads the kept code's document (null when none was drawn yet): start it with the notice's first read. */
export function findCode(deps: Deps, t: CodeTarget): Promise<CodeDoc | null> {
  return deps.store.get<CodeDoc>('codes', codeDocId(deps.codes.kind, t));
}

/** The code's image as a `data:` URL for the notice's HTML, drawn and kept if needed; null when it cannot be had (the notice prints the path then). */
export async function codeDataUrl(deps: Deps, t: CodeTarget, kept: CodeDoc | null): Promise<string | null> {
  try {
    if (kept) {
      const bytes = await deps.files.read(kept.fileId);
      if (bytes) return `data:${kept.contentType};base64,${bytes.toString('base64')}`;
    }
    const image = await deps.codes.image(t);
    const ext = image.contentType === 'image/png' ? 'png' : 'jpg';
    const folder = t.page.split('/')[1] ?? 'pages';
    const { fileId } = await deps.files.save(`codes/${deps.codes.kind}/${folder}-${t.id}.${ext}`, image.bytes, image.contentType);
    const doc = { _id: codeDocId(deps.codes.kind, t), kind: deps.codes.kind, page: t.page, targetId: t.id, fileId, contentType: image.contentType, createdAt: deps.clock.now() };
    try {
      if (kept) await deps.store.update<CodeDoc>('codes', kept._id, kept._v, doc);
      else await deps.store.create<CodeDoc>('codes', doc);
    } catch (e) {
      // Two notices drew it at once: either document points at a good image.
      if (!(e instanceof DuplicateId || e instanceof VersionConflict)) throw e;
    }
    return `data:${image.contentType};base64,${image.bytes.toString('base64')}`;
  } catch {
    // WeChat or the storage failing must not stop the notice being printed: it shows the path.
    return null;
  }
}

/** The target of a page path as the back end links to it (`pages/x/detail/index?id=…`). */
export function codeTargetOf(path: string): CodeTarget {
  const [page, query = ''] = path.split('?');
  const id = new URLSearchParams(query).get('id') ?? '';
  return { page, id };
}

/** The notice's block with the code (or only the path when there is no image), in the notice's CSS. */
export function codeBlockHtml(dataUrl: string | null, caption: string, path: string, escape: (s: string) => string): string {
  const img = dataUrl ? `<img class="code" src="${dataUrl}" alt="小程序码" width="150" height="150">` : '';
  return `<div class="code-block">${img}<div class="code-caption">${dataUrl ? `微信扫一扫，${escape(caption)}<br>` : ''}小程序页面路径：<span class="path">${escape(path)}</span></div></div>`;
}

/** The CSS of the code block, added to each notice's style. */
export const CODE_BLOCK_CSS = `.code-block { display: flex; align-items: center; gap: 5mm; margin-top: 4mm; }
  .code { width: 38mm; height: 38mm; flex: none; }
  .code-caption { font-size: 12pt; }`;
