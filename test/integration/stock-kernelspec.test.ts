/**
 * What Kernel > Interrupt does with the kernelspec `deno jupyter --install` writes (SIGINT to the
 * kernel's process group), driven by jupyter_client: it ends the kernel before a plotter is
 * open; with one open, the plot worker's SIGINT listener keeps the kernel alive and every kind
 * of cell ends within a second, its variables kept (docs/interrupts.md).
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const DRIVER = fileURLToPath(new URL('./fixtures/stock-kernel.py', import.meta.url));

interface CellResult {
  cell: string;
  state: 'idle' | 'died' | 'timeout';
  after: number | null;
  output: string[];
}

test('stock Deno kernelspec: Interrupt is safe once a plotter is open', async () => {
  const work = `${ROOT}.scratch/stock-kernelspec`;
  mkdirSync(work, { recursive: true });
  const { stdout } = await promisify(execFile)(
    '/usr/bin/python3',
    [DRIVER, `${ROOT}node_modules/.bin/deno`, work],
    { cwd: ROOT, timeout: 240_000, env: { ...process.env, DENO_DIR: `${ROOT}.scratch/deno` } }
  );
  const results = stdout
    .trim()
    .split('\n')
    .map(text => JSON.parse(text) as CellResult);
  const byName = new Map(results.map(result => [result.cell, result]));
  assert.equal(byName.get('before open()')?.state, 'died', 'SIGINT ends a kernel without plotter');
  assert.equal(byName.get('open')?.state, 'idle', JSON.stringify(byName.get('open')));
  const interrupted = [
    'synchronous loop pushing every iteration',
    'cell awaiting a long timer',
    'synchronous loop pushing once a second',
    'plain synchronous loop'
  ];
  interrupted.forEach((name, number) => {
    const result = byName.get(name);
    assert.equal(result?.state, 'idle', `${name}: ${JSON.stringify(result)}`);
    // `after` runs from the moment the interrupt is sent (the cell has run for 2 s by then; the
    // kernel's start and the cell's compilation are not in it) to the cell's idle status.
    assert.ok((result?.after as number) < 1, `${name}: ended ${result?.after} s after Interrupt`);
    const read = byName.get(`read a variable ${number}`);
    assert.deepEqual(read?.output, [String(42 + number)], `${name}: kernel kept its variables`);
  });
  const pushing = byName.get('synchronous loop pushing every iteration');
  assert.deepEqual(pushing?.output, ['PlotInterrupted: stopped by the user (Kernel > Interrupt)']);
});
