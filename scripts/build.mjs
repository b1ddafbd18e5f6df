// Bundles each cloudfunctions/<name>/index.ts into an uploadable index.js (wx-server-sdk external).
//
// Each entry names only its own function's actions (cloudfunctions/callable.ts, timer.ts), so a
// bundle holds only the code that function reaches. Bundle sizes and cold require times:
// `npm run size` and docs/performance.md.
import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const dir = path.join(root, 'cloudfunctions');
const names = fs
  .readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(dir, d.name, 'index.ts')))
  .map((d) => d.name);

for (const name of names) {
  const outfile = path.join(dir, name, 'index.js');
  await build({
    entryPoints: [path.join(dir, name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    outfile,
    // zod's ESM build, which esbuild can tree-shake. That alone does not drop zod's 64 locales:
    // any bundled reference to zod's whole `z` namespace keeps them all (≈290 KB), which is why
    // the schemas use the namespace of core/shared/zod.ts, which names only what they need.
    mainFields: ['module', 'main'],
    legalComments: 'none',
    // Chinese text as UTF-8, not \u escapes (half the bytes).
    charset: 'utf8',
    // Fully minified (identifiers too): a third smaller than whitespace and syntax alone, and a
    // faster cold start. Logs keep what they need: error codes and messages are strings.
    minify: true,
    logLevel: 'warning',
  });
  console.log(`built cloudfunctions/${name}/index.js (${(fs.statSync(outfile).size / 1024).toFixed(0)} KB)`);
}
