// The panel part of the field benchmark (`npx playwright test -c bench/field/panel/panel.config.ts`,
// run by bench/field/run.ts): the UI tests' configuration pointed at this folder.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../../../playwright.config';

export default defineConfig({
  ...base,
  projects: undefined,
  testDir: __dirname,
  testMatch: 'panel.spec.ts',
  timeout: 10 * 60_000,
  retries: 0,
  outputDir: resolve(__dirname, '../../../.scratch/bench-field'),
  webServer: {
    ...(base.webServer as object),
    cwd: resolve(__dirname, '../../..')
  } as typeof base.webServer
});
