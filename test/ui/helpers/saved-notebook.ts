/**
 * Saving a notebook in JupyterLab and reading the file it wrote, as bytes and as the handle
 * outputs it holds, for the tests of what a saved notebook keeps (test/ui/saved-*.spec.ts).
 */
import { expect } from '@jupyterlab/galata';
import type { IJupyterLabPageFixture } from '@jupyterlab/galata';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { HANDLE_MIME_TYPE } from 'async-plotter/protocol';

/** One output of a saved notebook, as nbformat writes it. */
export interface SavedOutput {
  output_type: string;
  data?: Record<string, unknown>;
  metadata?: Record<string, unknown>;
}

function modified(path: string): number {
  return existsSync(path) ? statSync(path).mtimeMs : -1;
}

/** Saves the notebook, waits until the file on disk is written anew, and returns its bytes. */
export async function savedBytes(page: IJupyterLabPageFixture, path: string): Promise<Buffer> {
  const before = modified(path);
  await page.notebook.save();
  await expect.poll(() => modified(path)).not.toBe(before);
  return readFileSync(path);
}

/** Every output of the saved notebook that holds a plotter handle. */
export function handleOutputs(bytes: Buffer): SavedOutput[] {
  const notebook = JSON.parse(bytes.toString('utf8')) as {
    cells: { outputs?: SavedOutput[] }[];
  };
  return notebook.cells
    .flatMap(cell => cell.outputs ?? [])
    .filter(output => output.data?.[HANDLE_MIME_TYPE] !== undefined);
}
