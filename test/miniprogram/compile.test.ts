/**
 * @jest-environment node
 */
/**
 * Every WXML and WXSS of the mini-program — ours, and TDesign's that the pages reach —
 * compiles with the official compilers (miniprogram-compiler's wcc and wcsc), and every
 * component, template, style and script a file names exists.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MP_ROOT, reachable } from '../../scripts/size';

const { wxmlToJs } = require('miniprogram-compiler') as { wxmlToJs(root: string, options: { wxmlList: string[]; wxsList: string[]; maxBuffer: number }): string };
// wcsc answers an Error instead of throwing one.
const wcsc = require('miniprogram-compiler/src/wcsc') as (root: string, files: string[], options: { maxBuffer: number }) => Record<string, string> | Error;

const MAX_BUFFER = 64 * 1024 * 1024;

/** Our own files of one kind, wherever they are (reachable or not), relative to the root. */
function ours(root: string, ext: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') walk(abs);
      } else if (entry.name.endsWith(ext)) out.push(path.relative(root, abs).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out;
}

function compileWxml(root: string, wxml: string[], wxs: string[]) {
  return wxmlToJs(root, { wxmlList: wxml, wxsList: wxs, maxBuffer: MAX_BUFFER });
}

function compileWxss(root: string, wxss: string[]) {
  const result = wcsc(root, wxss.map((f) => f.replace(/\.wxss$/, '')), { maxBuffer: MAX_BUFFER });
  if (result instanceof Error) throw result;
  return result;
}

describe('the official compilers', () => {
  const { files, missing } = reachable();
  const pick = (ext: string) => [...new Set([...[...files].filter((f) => f.endsWith(ext)), ...ours(MP_ROOT, ext)])].sort();

  it('reach TDesign through the pages (npm run build made miniprogram_npm)', () => {
    expect([...files].some((f) => f.startsWith('miniprogram_npm/tdesign-miniprogram/button/'))).toBe(true);
  });

  it('every component, template, style and script that a file names exists', () => {
    expect(missing).toEqual([]);
  });

  it('wcc compiles every WXML', () => {
    const wxml = pick('.wxml');
    expect(wxml).toContain('pages/items/submit/index.wxml');
    // The staff subpackage's pages are reached through app.json like the residents'.
    for (const page of ['workbench', 'queue', 'item', 'duties', 'reception', 'walkin', 'schedule', 'notice', 'invite', 'stats', 'bind', 'inquiries', 'inquiry', 'inquiry-raise']) {
      expect([...files]).toContain(`pages/staff/${page}/index.wxml`);
    }
    expect(() => compileWxml(MP_ROOT, wxml, pick('.wxs'))).not.toThrow();
  });

  it('wcsc compiles every WXSS', () => {
    const wxss = pick('.wxss');
    expect(wxss).toContain('app.wxss');
    expect(() => compileWxss(MP_ROOT, wxss)).not.toThrow();
  });

  it('a broken file fails with its file, line and column', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wcc-'));
    try {
      fs.writeFileSync(path.join(dir, 'bad.wxml'), '<view>\n  <text>{{ a. }}</text>\n</view>\n');
      fs.writeFileSync(path.join(dir, 'bad.wxss'), '.a { color: red;\n.b { color: blue }\n');
      expect(() => compileWxml(dir, ['bad.wxml'], [])).toThrow(/bad\.wxml:2:\d+/);
      expect(() => compileWxss(dir, ['bad.wxss'])).toThrow(/bad\.wxss\(2:\d+\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
