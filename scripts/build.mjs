// Bundles each cloudfunctions/<name>/index.ts into an uploadable index.js (wx-server-sdk external).
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
    // ESM entry points let esbuild drop what is unused (zod's other locales, for one).
    mainFields: ['module', 'main'],
    legalComments: 'none',
    // Smaller uploads and faster cold starts; names are kept so cloud logs stay readable.
    minifyWhitespace: true,
    minifySyntax: true,
    logLevel: 'warning',
  });
  console.log(`built cloudfunctions/${name}/index.js (${(fs.statSync(outfile).size / 1024).toFixed(0)} KB)`);
}
