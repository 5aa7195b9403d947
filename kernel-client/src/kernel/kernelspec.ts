/**
 * Installs, repairs and uninstalls a Deno kernelspec whose interrupts never end the kernel
 * (kernel-launcher.ts). The stock one (`deno jupyter --install`) has no `interrupt_mode`, so
 * Jupyter's SIGINT ends the kernel and every variable with it.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The launcher and the modules it imports, copied into the kernelspec directory. */
const LAUNCHER_FILES = ['kernel-launcher.js', 'jupyter-control.js', 'stop-state.js'];
const MARKER = 'async_plotter';

export interface KernelspecOptions {
  /** Jupyter's data directory; default JUPYTER_DATA_DIR or the platform's user location. */
  dataDir?: string;
  /** Kernel name (its directory under `kernels/`); default `deno`. */
  name?: string;
  /** Deno executable; default the running Deno, else `deno` found on PATH. */
  deno?: string;
  displayName?: string;
  /** Extra environment for the kernel. */
  env?: Record<string, string>;
}

export interface KernelSpec {
  argv: string[];
  display_name: string;
  language: string;
  interrupt_mode: 'signal' | 'message';
  env?: Record<string, string>;
  metadata?: Record<string, unknown>;
}

/** Where Jupyter looks for user kernelspecs, as jupyter_core computes it. */
export function jupyterDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.JUPYTER_DATA_DIR) {
    return env.JUPYTER_DATA_DIR;
  }
  if (process.platform === 'darwin') {
    return join(homedir(), 'Library', 'Jupyter');
  }
  if (process.platform === 'win32') {
    return join(env.APPDATA ?? homedir(), 'jupyter');
  }
  return join(env.XDG_DATA_HOME || join(homedir(), '.local', 'share'), 'jupyter');
}

export function kernelDir(options: KernelspecOptions = {}): string {
  return join(options.dataDir ?? jupyterDataDir(), 'kernels', options.name ?? 'deno');
}

function findDeno(): string {
  const deno = (globalThis as { Deno?: { execPath(): string } }).Deno;
  if (deno !== undefined) {
    return deno.execPath();
  }
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, process.platform === 'win32' ? 'deno.exe' : 'deno');
    if (dir !== '' && existsSync(candidate)) {
      return candidate;
    }
  }
  throw new Error('no deno on PATH: pass --deno <path to the deno executable>');
}

function readSpec(file: string): Partial<KernelSpec> | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Partial<KernelSpec>;
  } catch {
    return null;
  }
}

/**
 * Writes `<dataDir>/kernels/<name>/kernel.json` starting the launcher, and copies the launcher
 * next to it. An existing kernelspec there (the stock one) is repaired: its display name,
 * language, environment, metadata and logo files are kept.
 */
export function installKernelspec(options: KernelspecOptions = {}): {
  dir: string;
  repaired: boolean;
  spec: KernelSpec;
} {
  const dir = kernelDir(options);
  const file = join(dir, 'kernel.json');
  const existing = readSpec(file);
  mkdirSync(dir, { recursive: true });
  const here = fileURLToPath(new URL('.', import.meta.url));
  for (const name of LAUNCHER_FILES) {
    copyFileSync(join(here, name), join(dir, name));
  }
  const env = { ...(existing?.env ?? {}), ...(options.env ?? {}) };
  const spec: KernelSpec = {
    argv: [
      options.deno ?? findDeno(),
      'run',
      '--allow-all',
      '--no-config',
      '--no-lock',
      join(dir, 'kernel-launcher.js'),
      '{connection_file}'
    ],
    display_name: options.displayName ?? existing?.display_name ?? 'Deno',
    language: existing?.language ?? 'typescript',
    interrupt_mode: 'signal',
    ...(Object.keys(env).length > 0 ? { env } : {}),
    metadata: { ...(existing?.metadata ?? {}), [MARKER]: { launcher: 'kernel-launcher.js' } }
  };
  writeFileSync(file, JSON.stringify(spec, null, 2) + '\n');
  return { dir, repaired: existing !== null, spec };
}

/** Removes a kernelspec this module installed; refuses to remove one it did not. */
export function uninstallKernelspec(options: KernelspecOptions = {}): {
  dir: string;
  removed: boolean;
} {
  const dir = kernelDir(options);
  const spec = readSpec(join(dir, 'kernel.json'));
  if (spec === null) {
    return { dir, removed: false };
  }
  if (spec.metadata?.[MARKER] === undefined) {
    throw new Error(`${dir} was not installed by async-plotter; not removing it`);
  }
  rmSync(dir, { recursive: true, force: true });
  return { dir, removed: true };
}
