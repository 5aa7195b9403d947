// Browser-memory soak of the panel (see README.md): the UI tests' configuration, pointed at this
// folder, with room for a long run.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../../playwright.config';

const minutes = Number(process.env.SOAK_MINUTES ?? 10);

export default defineConfig({
  ...base,
  testDir: __dirname,
  testMatch: 'memory.spec.ts',
  timeout: (minutes + 5) * 60_000,
  outputDir: resolve(__dirname, '../../.scratch/bench-memory'),
  webServer: {
    ...(base.webServer as object),
    cwd: resolve(__dirname, '../..')
  } as typeof base.webServer
});
