// The mini-program's npm build, done by hand (what DevTools' "构建 npm" amounts to for a
// component library): copies TDesign's miniprogram_dist into miniprogram/miniprogram_npm as
// real files, and makes the official WXML/WXSS compilers (wcc, wcsc) executable.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const require = createRequire(path.join(root, 'package.json'));

/** npm packages whose `miniprogram_dist` is copied into miniprogram_npm/<name>. */
const COMPONENT_PACKAGES = ['tdesign-miniprogram'];

const npmDir = path.join(root, 'miniprogram', 'miniprogram_npm');
fs.mkdirSync(npmDir, { recursive: true });
for (const name of COMPONENT_PACKAGES) {
  let pkgJson;
  try {
    pkgJson = require.resolve(`${name}/package.json`);
  } catch {
    // An install without devDependencies (npm ci --omit=dev) has no mini-program to build.
    console.warn(`skipped miniprogram/miniprogram_npm/${name}: ${name} is not installed`);
    continue;
  }
  const from = path.join(path.dirname(pkgJson), 'miniprogram_dist');
  const to = path.join(npmDir, name);
  fs.rmSync(to, { recursive: true, force: true });
  // Real copies, not symlinks: DevTools and miniprogram-simulate both read the files in place.
  fs.cpSync(from, to, { recursive: true, dereference: true });
  const { version } = JSON.parse(fs.readFileSync(pkgJson, 'utf8'));
  console.log(`built miniprogram/miniprogram_npm/${name} (${name}@${version})`);
}

// uCharts (@qiun/ucharts) for the dashboard subpackage: its u-charts.min.js, an ES module, as
// CommonJS (what a page's require() and the page tests load) in the subpackage that draws with
// it, so no other package carries it. Build output, git-ignored (miniprogram/**/*.js).
try {
  const src = path.join(path.dirname(require.resolve('@qiun/ucharts/package.json')), 'u-charts.min.js');
  const code = fs.readFileSync(src, 'utf8');
  if (!/export default uCharts;\s*$/.test(code)) throw new Error('u-charts.min.js does not end with `export default uCharts;` any more');
  const out = path.join(root, 'miniprogram', 'pages', 'dashboard', 'ucharts', 'u-charts.js');
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, code.replace(/export default uCharts;\s*$/, 'module.exports = uCharts;\n'));
  const { version } = JSON.parse(fs.readFileSync(require.resolve('@qiun/ucharts/package.json'), 'utf8'));
  console.log(`built miniprogram/pages/dashboard/ucharts/u-charts.js (@qiun/ucharts@${version}, ${(code.length / 1024).toFixed(0)} KB)`);
} catch (e) {
  if (e && e.code === 'MODULE_NOT_FOUND') console.warn('skipped the dashboard charts: @qiun/ucharts is not installed');
  else throw e;
}

// npm does not keep the run bit of the binaries miniprogram-compiler ships (tests run them).
let compilerDir = null;
try {
  compilerDir = path.dirname(require.resolve('miniprogram-compiler/package.json'));
} catch {
  console.warn('skipped wcc/wcsc: miniprogram-compiler is not installed');
}
for (const os of compilerDir ? ['linux', 'mac'] : []) {
  for (const bin of ['wcc', 'wcsc']) {
    const file = path.join(compilerDir, 'bin', os, bin);
    if (fs.existsSync(file)) fs.chmodSync(file, 0o755);
  }
}

// The constants the pages share with core (categories, labels, the phone pattern, the 7-day
// rule), written from core into miniprogram/generated/constants.ts: committed (DevTools opens
// the repository without a build), and test/core/contract.test.ts fails when it is stale.
{
  let tsxCli = null;
  try {
    tsxCli = require.resolve('tsx/cli');
  } catch {
    console.warn('skipped miniprogram/generated/constants.ts: tsx is not installed (the committed copy stays)');
  }
  if (tsxCli) {
    const { execFileSync } = await import('node:child_process');
    execFileSync(process.execPath, [tsxCli, path.join(root, 'scripts', 'miniprogram-constants.ts')], { cwd: root, stdio: 'inherit' });
  }
}
