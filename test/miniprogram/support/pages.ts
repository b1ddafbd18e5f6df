/**
 * Loading a page of miniprogram/ under miniprogram-simulate, TDesign components included,
 * without jest: the page tests (harness.ts) and `npm run screenshots` both open pages so.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { View } from './view';

/** miniprogram-simulate's two calls used here (required by the callers, so its typings stay out). */
export interface Simulate {
  load(componentPath: string, options: { rootPath: string; usingComponents: Record<string, string>; compilerOptions: { maxBuffer: number } }): string;
  render(id: string): unknown;
}

export const MP_ROOT = path.resolve(__dirname, '../../../miniprogram');

/** Fails early with what to do when the TDesign copy is missing. */
export function requireBuiltComponents(): void {
  if (!fs.existsSync(path.join(MP_ROOT, 'miniprogram_npm', 'tdesign-miniprogram'))) {
    throw new Error('miniprogram/miniprogram_npm is missing: run `npm run build` (npm install runs it too)');
  }
}

let npmMap: Record<string, string> | null = null;

/** `t-button` → `/miniprogram_npm/tdesign-miniprogram/button/button`, for every npm component the sources use. */
export function npmComponents(): Record<string, string> {
  if (npmMap) return { ...npmMap };
  const map: Record<string, string> = {};
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'miniprogram_npm') walk(file);
      } else if (entry.name.endsWith('.json')) {
        const using: Record<string, string> = JSON.parse(fs.readFileSync(file, 'utf8')).usingComponents ?? {};
        for (const [tag, target] of Object.entries(using)) {
          if (target.startsWith('/') || target.startsWith('.')) continue;
          const resolved = `/miniprogram_npm/${target}`;
          if (map[tag] && map[tag] !== resolved) throw new Error(`${tag} names two components: ${map[tag]} and ${resolved}`);
          map[tag] = resolved;
        }
      }
    }
  };
  walk(MP_ROOT);
  npmMap = map;
  return { ...map };
}

/** A page rendered and attached as WeChat shows it (its onLoad not called yet). */
export type RenderedPage = View & { attach(parent: unknown): void };

/** Renders the page at `route` (`pages/x/y/index`) and attaches it to a fresh parent. */
export function renderPage(simulate: Simulate, route: string): RenderedPage {
  const id = simulate.load(path.join(MP_ROOT, route), {
    rootPath: MP_ROOT,
    usingComponents: npmComponents(),
    compilerOptions: { maxBuffer: 64 * 1024 * 1024 },
  });
  const page = simulate.render(id) as RenderedPage | undefined;
  if (!page) throw new Error(`${route} did not register a component (did its script run?)`);
  page.attach((globalThis as any).document.createElement('parent-wrapper'));
  return page;
}

/** The pages of app.json, main package and subpackages, as `pages/x/y/index`. */
export function appPages(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(MP_ROOT, 'app.json'), 'utf8')) as {
    pages: string[];
    subpackages?: Array<{ root: string; pages: string[] }>;
  };
  return [...app.pages, ...(app.subpackages ?? []).flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
}
