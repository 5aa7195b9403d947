// Builds the standalone viewer page (src/page/) into the kernel-client package: one module,
// kernel-client/viewer/assets.js, holding the page's few files as strings. The plot server's
// worker loads it on the first page request and serves those files from memory (no CDN, works
// offline, and Deno needs no read permission to load a module of its own package).
import { build } from 'esbuild';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const page = join(root, 'src/page');
const out = join(root, 'kernel-client/viewer/assets.js');

const common = {
  bundle: true,
  minify: true,
  write: false,
  legalComments: 'none',
  logLevel: 'warning'
};

const [script, style] = await Promise.all([
  build({
    ...common,
    entryPoints: [join(page, 'main.ts')],
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    define: { 'process.env.NODE_ENV': '"production"' }
  }),
  build({ ...common, entryPoints: [join(page, 'page.css')], loader: { '.css': 'css' } })
]);

const assets = {
  'index.html': {
    type: 'text/html; charset=utf-8',
    body: await readFile(join(page, 'index.html'), 'utf8')
  },
  'viewer.js': { type: 'text/javascript; charset=utf-8', body: script.outputFiles[0].text },
  'viewer.css': { type: 'text/css; charset=utf-8', body: style.outputFiles[0].text },
  'favicon.svg': { type: 'image/svg+xml', body: await readFile(join(page, 'favicon.svg'), 'utf8') }
};

await mkdir(dirname(out), { recursive: true });
await writeFile(
  out,
  '// The viewer page (src/page/), built by scripts/build-page.mjs: do not edit.\n' +
    `export const assets = ${JSON.stringify(assets)};\n`
);
const size = Object.values(assets).reduce((sum, asset) => sum + asset.body.length, 0);
console.log(`viewer page: ${out} (${(size / 1024).toFixed(0)} KiB)`);
