// Benchmark of the panel's streaming in Chromium: see README.md. Usage:
//   node --import tsx bench/panel/run.ts [--sizes 1000,10000,100000] [--frames 200] [--budget 10000]
import { createReadStream, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from '../../test/ui/helpers/chromium';

const repo = resolve(__dirname, '../..');
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const sizes = option('sizes', '1000,10000,100000').split(',').map(Number);
const maxFrames = Number(option('frames', '200'));
const budgetMs = Number(option('budget', '10000'));

const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript' };
const server = createServer((req, res) => {
  const path = normalize(decodeURIComponent((req.url ?? '/').split('?')[0]));
  const file = join(repo, path);
  const allowed = path.startsWith('/bench/panel/') || path.startsWith('/node_modules/');
  if (!allowed || !file.startsWith(repo) || !existsSync(file)) {
    res.writeHead(404).end();
    return;
  }
  res.writeHead(200, { 'content-type': types[extname(file)] ?? 'application/octet-stream' });
  createReadStream(file).pipe(res);
});

async function main(): Promise<void> {
  await new Promise<void>(done => server.listen(0, '127.0.0.1', done));
  const port = (server.address() as AddressInfo).port;
  const browser = await chromium.launch(CHROMIUM_LAUNCH_OPTIONS);

  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/panel/page.html`);
    await page.waitForFunction(() => 'runBenchmark' in window);
    const results = await page.evaluate(
      options =>
        (
          window as unknown as { runBenchmark: (o: typeof options) => Promise<unknown> }
        ).runBenchmark(options),
      { sizes, maxFrames, budgetMs }
    );
    console.table(results);
    mkdirSync(join(repo, 'bench/results'), { recursive: true });
    const out = join(repo, 'bench/results/panel.json');
    writeFileSync(
      out,
      JSON.stringify(
        { date: new Date().toISOString(), sizes, maxFrames, budgetMs, results },
        null,
        2
      )
    );
    console.log(`results written to ${out}`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
