// UI tests in Debian's headless Chromium, two projects:
// - `lab` (test/ui): galata (JupyterLab's Playwright fixtures) against the project's JupyterLab
//   host (host/) with the Deno kernel. The server root is test/ui/workspace, inside the
//   repository, so that notebooks resolve `npm:async-plotter` from its node_modules.
// - `page` (test/page): the standalone viewer page that plot servers serve, against Node and
//   Deno scripts; no JupyterLab. `UI_NO_HOST=1 npx playwright test --project=page` runs them
//   without starting the host.
// - `notebook7` (test/notebook7): plain Playwright against the project's Jupyter Notebook 7 host
//   (host/notebook) with the same extension and Deno kernel, on a port of its own (NOTEBOOK_PORT,
//   8896 by default), started only when the run includes the project.
// - `remote` (test/remote): the browser cut off from the kernels' loopback, as on JupyterHub.
//   Only with UI_REMOTE=1, which scripts/remote-ui.sh sets when it runs the browser in a network
//   namespace of its own and the host outside it (UI_BASE_PATH: the server's base URL, e.g.
//   `/user/alice`).
import { defineConfig } from '@playwright/test';
import { CHROMIUM_LAUNCH_OPTIONS } from './test/ui/helpers/chromium';
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';

// UI_PORT (8890-8899) and UI_TEST_OUTPUT let two runs on one machine avoid each other: a run
// clears its output folder at start, and a local run reuses a server already on its port.
const port = Number(process.env.UI_PORT ?? 8890);
const basePath = process.env.UI_BASE_PATH ?? '';
const notebookPort = Number(process.env.NOTEBOOK_PORT ?? 8896);
const scratch = resolve(__dirname, '.scratch');

// Chromium and Playwright's temporary files go to the project's scratch space, not $HOME or /tmp.
const scratchEnv = {
  TMPDIR: resolve(scratch, 'tmp'),
  XDG_CONFIG_HOME: resolve(scratch, 'xdg/config'),
  XDG_CACHE_HOME: resolve(scratch, 'xdg/cache'),
  XDG_DATA_HOME: resolve(scratch, 'xdg/data')
};
for (const dir of Object.values(scratchEnv)) {
  mkdirSync(dir, { recursive: true });
}
Object.assign(process.env, scratchEnv);

/** The projects named by `--project` options (patterns with `*` included), [] for all. */
const namedProjects = process.argv.flatMap((arg, k) =>
  arg.startsWith('--project=')
    ? [arg.slice('--project='.length).toLowerCase()]
    : arg === '--project'
      ? [(process.argv[k + 1] ?? '').toLowerCase()]
      : []
);
/** Whether this run may include `project` (a pattern might name it). */
function runsProject(project: string): boolean {
  return (
    namedProjects.length === 0 ||
    namedProjects.some(name => name.includes('*') || name === project.toLowerCase())
  );
}
/** Whether this run includes projects other than `project` (those use the JupyterLab host). */
function runsOtherThan(project: string): boolean {
  return namedProjects.length === 0 || namedProjects.some(name => name !== project.toLowerCase());
}

export default defineConfig({
  projects: [
    { name: 'lab', testDir: 'test/ui' },
    { name: 'page', testDir: 'test/page' },
    { name: 'exactness', testDir: 'test/exactness' },
    // A 2.5-minute soak in the suite; `npm run soak` runs it for 30 minutes (SOAK_MINUTES).
    { name: 'soak', testDir: 'test/soak' },
    {
      name: 'notebook7',
      testDir: 'test/notebook7',
      use: { baseURL: `http://127.0.0.1:${notebookPort}/` }
    },
    ...(process.env.UI_REMOTE ? [{ name: 'remote', testDir: 'test/remote' }] : [])
  ],
  outputDir: process.env.UI_TEST_OUTPUT ?? 'test-results',
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  // One retry on CI: timing bounds (a stop within 1 s) on a shared 2-core machine; a test that
  // passes only on retry is reported as flaky in the summary.
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${port}${basePath}`,
    viewport: { width: 1280, height: 800 },
    trace: 'retain-on-failure',
    video: 'off',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium: Playwright's own browser downloads are not used.
      ...CHROMIUM_LAUNCH_OPTIONS,
      env: { ...process.env, ...scratchEnv }
    }
  },
  webServer: process.env.UI_NO_HOST
    ? undefined
    : [
        ...(runsOtherThan('notebook7')
          ? [
              {
                // The server's log: .scratch/ui-host-<port>.log.
                command: `bash scripts/host.sh --port ${port} --root test/ui/workspace --no-token > .scratch/ui-host-${port}.log 2>&1`,
                url: `http://127.0.0.1:${port}/lab`,
                timeout: 60_000,
                reuseExistingServer: !process.env.CI,
                // jupyter_server shuts its kernels down on SIGTERM (they outlive a SIGKILL).
                gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 }
              }
            ]
          : []),
        ...(runsProject('notebook7')
          ? [
              {
                command: `bash scripts/notebook-host.sh --port ${notebookPort} --root test/notebook7/workspace --no-token > .scratch/notebook-host-${notebookPort}.log 2>&1`,
                url: `http://127.0.0.1:${notebookPort}/tree`,
                timeout: 60_000,
                reuseExistingServer: !process.env.CI,
                // jupyter_server shuts its kernels down on SIGTERM (they outlive a SIGKILL).
                gracefulShutdown: { signal: 'SIGTERM' as const, timeout: 10_000 }
              }
            ]
          : [])
      ]
});
