// Frame rates of the panel and the viewer page, default and capped (see rate-lab.spec.ts and
// rate-page/rate-page.spec.ts; `npx playwright test -c bench/panel/rate.config.ts`): the UI
// tests' configuration pointed at this folder, with the JupyterLab host they start.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../../playwright.config';

export default defineConfig({
  ...base,
  projects: undefined,
  testDir: __dirname,
  testMatch: /rate-(lab|page)\.spec\.ts$/,
  timeout: 10 * 60_000,
  retries: 0,
  reporter: [['list']],
  outputDir: resolve(__dirname, '../../.scratch/bench-rate'),
  webServer: {
    ...(base.webServer as object),
    cwd: resolve(__dirname, '../..')
  } as typeof base.webServer
});
