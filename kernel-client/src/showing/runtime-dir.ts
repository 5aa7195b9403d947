/**
 * Jupyter's runtime directory, where Jupyter keeps its secrets (kernel connection files), found
 * by the rules of jupyter_core's `jupyter_runtime_dir()`: `$JUPYTER_RUNTIME_DIR`, else
 * `$JUPYTER_DATA_DIR/runtime`, else the data directory of the platform (Linux:
 * `$XDG_DATA_HOME/jupyter`, or `~/.local/share/jupyter`) followed by `runtime`.
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

type Env = Readonly<Record<string, string | undefined>>;

/** The data directory of Jupyter for `env` on `platform` (`process.platform`'s names). */
function dataDir(env: Env, platform: string, home: () => string): string {
  if (env.JUPYTER_DATA_DIR) {
    return env.JUPYTER_DATA_DIR;
  }
  if (platform === 'darwin') {
    return join(home(), 'Library', 'Jupyter');
  }
  if (platform === 'win32') {
    return env.APPDATA ? join(env.APPDATA, 'jupyter') : join(home(), '.jupyter', 'data');
  }
  return join(env.XDG_DATA_HOME || join(home(), '.local', 'share'), 'jupyter');
}

/** Jupyter's runtime directory for `env` (throws when reading it is not permitted). */
export function jupyterRuntimeDir(
  env: Env,
  platform: string = process.platform,
  home: () => string = homedir
): string {
  if (env.JUPYTER_RUNTIME_DIR) {
    return env.JUPYTER_RUNTIME_DIR;
  }
  return join(dataDir(env, platform, home), 'runtime');
}
