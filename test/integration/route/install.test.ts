/**
 * Installed as JupyterLab extensions are: `pip install` of the built checkout into a fresh
 * virtual environment (Debian's Python, the build backend from Debian's python3-hatchling)
 * puts the labextension and the server extension's enabling file under the environment's
 * prefix; a Jupyter server of that environment loads the route; `pip uninstall` removes it all.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';
import { promisify } from 'node:util';
import { open } from 'async-plotter';
import { ROOT, SCRATCH, startJupyter } from './jupyter.ts';
import { PROTOCOL_VERSION } from 'async-plotter/protocol';

const run = promisify(execFile);
const BUILT = join(ROOT, 'jupyterlab_async_plotter/labextension');

/** Every file under `dir`, relative to it. */
function files(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter(path => statSync(join(dir, path)).isFile())
    .sort();
}

/** pip without this machine's own configuration or indexes: only what is installed counts. */
function pipEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !name.startsWith('PIP_'))
  );
  return {
    ...env,
    PIP_CONFIG_FILE: '/dev/null',
    PIP_NO_CACHE_DIR: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1'
  };
}

test('pip install puts every file where JupyterLab and jupyter_server look; pip uninstall removes them', async () => {
  assert.ok(existsSync(join(BUILT, 'package.json')), 'build the extension first: npm run build');
  const venv = join(SCRATCH, `venv-${process.pid}`);
  rmSync(venv, { recursive: true, force: true });
  const python = join(venv, 'bin/python');
  const options = { cwd: SCRATCH, env: pipEnv() };
  try {
    await run('/usr/bin/python3', ['-m', 'venv', '--system-site-packages', venv], options);
    await run(
      python,
      ['-m', 'pip', 'install', '--no-build-isolation', '--no-index', ROOT],
      options
    );

    const labextension = join(venv, 'share/jupyter/labextensions/jupyterlab-async-plotter');
    assert.deepEqual(files(labextension), files(BUILT), 'the whole prebuilt labextension');
    assert.deepEqual(JSON.parse(readFileSync(join(labextension, 'install.json'), 'utf8')), {
      packageManager: 'python',
      packageName: 'jupyterlab_async_plotter',
      uninstallInstructions:
        'Use your Python package manager (pip, conda, etc.) to uninstall the package jupyterlab_async_plotter'
    });
    const enabling = join(
      venv,
      'etc/jupyter/jupyter_server_config.d/jupyterlab_async_plotter.json'
    );
    assert.deepEqual(JSON.parse(readFileSync(enabling, 'utf8')), {
      ServerApp: { jpserver_extensions: { jupyterlab_async_plotter: true } }
    });
    const { stdout: where } = await run(
      python,
      ['-c', 'import jupyterlab_async_plotter as m, os; print(os.path.dirname(m.__file__))'],
      options
    );
    const pkg = where.trim();
    assert.ok(pkg.startsWith(venv), `the package is imported from the environment (${pkg})`);
    assert.ok(
      !existsSync(join(pkg, 'labextension')),
      'the labextension is not duplicated in site-packages'
    );

    const { stdout: found } = await run(
      python,
      [
        '-c',
        'import json; from jupyter_core.paths import jupyter_path; ' +
          'from jupyterlab_server.config import get_federated_extensions as f; ' +
          'e = f(jupyter_path("labextensions"))["jupyterlab-async-plotter"]; ' +
          'print(json.dumps([e["ext_path"], e["install"]["packageManager"]]))'
      ],
      { ...options, env: { ...options.env, JUPYTER_DATA_DIR: join(venv, 'no-user-data') } }
    );
    assert.deepEqual(
      JSON.parse(found),
      [labextension, 'python'],
      'JupyterLab lists the prebuilt extension'
    );

    const jupyter = await startJupyter({ python, fromCheckout: false, cwd: SCRATCH });
    const plotter = await open({ title: 'installed', display: false });
    try {
      assert.match(jupyter.log(), /jupyterlab_async_plotter \| extension was successfully loaded/);
      const port = new URL(plotter.handle.url).port;
      const identity = await fetch(jupyter.route(port, '/async-plotter/identity'), {
        headers: jupyter.auth
      });
      assert.deepEqual(await identity.json(), {
        service: 'async-plotter',
        protocol: PROTOCOL_VERSION
      });
    } finally {
      await Promise.all([jupyter.stop(), plotter.close({ timeoutMs: 200 })]);
    }

    const { stdout: record } = await run(
      python,
      ['-m', 'pip', 'show', '-f', 'jupyterlab_async_plotter'],
      options
    );
    const installed = record
      .split('\n')
      .filter(line => line.startsWith('  '))
      .map(line => join(pkg, '..', line.trim()));
    assert.ok(installed.length > 20);
    await run(python, ['-m', 'pip', 'uninstall', '-y', 'jupyterlab_async_plotter'], options);
    const left = installed.filter(path => existsSync(path)).map(path => relative(venv, path));
    assert.deepEqual(left, [], 'pip uninstall removed every installed file');
    assert.ok(!existsSync(labextension) && !existsSync(enabling) && !existsSync(pkg));
  } finally {
    rmSync(venv, { recursive: true, force: true });
  }
});
