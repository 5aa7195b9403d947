// The JupyterLab part of the decimation benchmark (`npx playwright test -c
// bench/decimation/lab/lab.config.ts`, run by bench/decimation/run.ts): the UI tests'
// configuration pointed at this folder, with the host they start.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../../../playwright.config';

export default defineConfig({
  ...base,
  projects: undefined,
  testDir: __dirname,
  testMatch: 'lab.spec.ts',
  timeout: 10 * 60_000,
  retries: 0,
  reporter: [['list']],
  outputDir: resolve(__dirname, '../../../.scratch/bench-decimation-lab'),
  webServer: {
    ...(base.webServer as object),
    cwd: resolve(__dirname, '../../..')
  } as typeof base.webServer
});
