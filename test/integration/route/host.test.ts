/** The project's JupyterLab host (scripts/host.sh) serves JupyterLab and the route together. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { test } from 'node:test';
import { open } from 'async-plotter';
import { connect } from '../../support/socket-viewer.ts';
import { freePort, ROOT } from './jupyter.ts';
import { PROTOCOL_VERSION } from 'async-plotter/protocol';

test('the host serves /lab with the labextension and carries a plot server through the route', async () => {
  const port = await freePort();
  const host = spawn(
    'bash',
    ['scripts/host.sh', '--port', String(port), '--root', 'test/ui/workspace', '--no-token'],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] }
  );
  let output = '';
  host.stdout.on('data', chunk => (output += String(chunk)));
  host.stderr.on('data', chunk => (output += String(chunk)));
  const exited = new Promise(resolve => host.once('exit', resolve));
  const origin = `http://127.0.0.1:${port}`;
  const plotter = await open({ title: 'host', display: false });
  try {
    let page = '';
    for (const deadline = Date.now() + 60_000; Date.now() < deadline && host.exitCode === null;) {
      const response = await fetch(`${origin}/lab`).catch(() => null);
      if (response?.ok) {
        page = await response.text();
        break;
      }
      await new Promise(resolve => setTimeout(resolve, 200));
    }
    assert.match(page, /jupyter-config-data/, `JupyterLab's page (log:\n${output})`);
    assert.match(page, /jupyterlab-async-plotter/, 'the prebuilt extension is listed');
    assert.match(output, /jupyterlab_async_plotter \| extension was successfully loaded/);
    const plotPort = Number(new URL(plotter.handle.url).port);
    const identity = await fetch(`${origin}/async-plotter/${plotPort}/async-plotter/identity`);
    assert.deepEqual(await identity.json(), {
      service: 'async-plotter',
      protocol: PROTOCOL_VERSION
    });
    const viewer = await connect(plotter.handle, {
      via: { url: origin, path: `/async-plotter/${plotPort}/async-plotter/socket.io` }
    });
    await viewer.waitFor(() => viewer.snapshots === 1, 'the snapshot');
    viewer.close();
  } finally {
    host.kill('SIGTERM');
    await exited;
    await plotter.close({ timeoutMs: 200 });
  }
});
