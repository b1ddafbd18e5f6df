/**
 * `npm run screenshots` without Chromium: its registry covers every page of app.json, and
 * every page carries the 关怀模式 text size on its root (the audit then measures them all).
 */
import fs from 'node:fs';
import path from 'node:path';
import { SHOTS, shotName } from '../../scripts/screenshots/states';
import { appPages, MP_ROOT } from './support/pages';

describe('the screenshot registry (scripts/screenshots/states.ts)', () => {
  it('has at least one state for every page of app.json, and names no page app.json lacks', () => {
    const pages = appPages();
    expect(pages.length).toBeGreaterThan(0);
    expect(pages.filter((p) => !SHOTS.some((s) => s.page === p))).toEqual([]);
    expect(SHOTS.map((s) => s.page).filter((p) => !pages.includes(p))).toEqual([]);
  });

  it('gives every page a ready-like state besides loading and error, and every shot its own file name', () => {
    for (const page of appPages()) {
      expect([page, SHOTS.some((s) => s.page === page && !s.network)]).toEqual([page, true]);
    }
    const names = SHOTS.map(shotName);
    expect(names.filter((n, i) => names.indexOf(n) !== i)).toEqual([]);
  });
});

describe('关怀模式 on every page', () => {
  it.each(appPages())('%s starts with <page-meta page-style="{{careStyle}}"> and takes the care behavior', (page) => {
    const wxml = fs.readFileSync(path.join(MP_ROOT, `${page}.wxml`), 'utf8');
    expect(wxml.trimStart().startsWith('<page-meta page-style="{{careStyle}}" />')).toBe(true);
    const ts = fs.readFileSync(path.join(MP_ROOT, `${page}.ts`), 'utf8');
    expect(ts).toMatch(/behaviors: \[\s*care\b/);
  });

  it('no page or component style sets a font size under 24rpx (12 px on a 375 px phone)', () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        const f = path.join(dir, e.name);
        if (e.isDirectory() && e.name !== 'miniprogram_npm') walk(f);
        else if (e.name.endsWith('.wxss')) {
          for (const m of fs.readFileSync(f, 'utf8').matchAll(/font-size:\s*(\d+)rpx/g)) if (Number(m[1]) < 24) offenders.push(`${path.relative(MP_ROOT, f)}: ${m[0]}`);
        }
      }
    };
    walk(MP_ROOT);
    expect(offenders).toEqual([]);
  });
});
