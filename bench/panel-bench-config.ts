// The configuration of a benchmark's JupyterLab part: the UI tests' configuration (its host,
// Chromium, scratch space) pointed at the benchmark's own folder, one spec, no retries.
import { defineConfig } from '@playwright/test';
import { resolve } from 'node:path';
import base from '../playwright.config';

/**
 * @param dir - the benchmark's panel folder (its `__dirname`).
 * @param output - the scratch folder its test output goes to.
 */
export function panelBenchConfig(dir: string, output: string) {
  return defineConfig({
    ...base,
    projects: undefined,
    testDir: dir,
    testMatch: 'panel.spec.ts',
    timeout: 10 * 60_000,
    retries: 0,
    outputDir: resolve(__dirname, '../.scratch', output),
    webServer: {
      ...(base.webServer as object),
      cwd: resolve(__dirname, '..')
    } as typeof base.webServer
  });
}
