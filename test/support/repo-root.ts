/**
 * The checkout's root directory (with a trailing slash), for the support modules that start
 * scripts from it. Found by walking up from the working directory to the folder that holds
 * this file as test/support/repo-root.ts, not from `import.meta.url`: the JupyterLab tests
 * (test/ui, test/remote) are CommonJS under Playwright, where `import.meta` does not load, and
 * the node tests and page tests are ES modules, where `__dirname` does not exist. Every runner
 * of this repository (scripts/node-tests.mjs, Playwright, the benchmarks) runs inside the
 * checkout, so the walk always ends there.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

function findRoot(): string {
  let dir = process.cwd();
  while (!existsSync(join(dir, 'test/support/repo-root.ts'))) {
    const up = dirname(dir);
    if (up === dir) {
      throw new Error(`test/support: ${process.cwd()} is not inside the Async Plotter checkout`);
    }
    dir = up;
  }
  return dir + '/';
}

/** The checkout's root, ending in `/`. */
export const ROOT = findRoot();
