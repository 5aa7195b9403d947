/**
 * `async-plotter-kernelspec install|uninstall [options]` (also
 * `deno run -A npm:async-plotter/kernelspec install`): installs or repairs the Deno kernelspec
 * whose interrupts never end the kernel, or removes it.
 *
 *   --data-dir <dir>       Jupyter data directory (default: JUPYTER_DATA_DIR, else the user's)
 *   --name <name>          kernel name (default: deno)
 *   --deno <path>          Deno executable (default: the running Deno, else deno on PATH)
 *   --display-name <name>  display name (default: kept, else Deno)
 *   --env KEY=VALUE        environment for the kernel (repeatable)
 */
import process from 'node:process';
import { installKernelspec, uninstallKernelspec, type KernelspecOptions } from './kernelspec.js';

const USAGE =
  'usage: async-plotter-kernelspec install|uninstall [--data-dir DIR] [--name NAME] ' +
  '[--deno PATH] [--display-name NAME] [--env KEY=VALUE]...\n';

function parse(args: string[]): { command: string; options: KernelspecOptions } {
  const [command, ...rest] = args;
  const options: KernelspecOptions = {};
  for (let i = 0; i < rest.length; i++) {
    const value = rest[i + 1];
    if (value === undefined) {
      throw new Error(`${rest[i]} needs a value`);
    }
    switch (rest[i]) {
      case '--data-dir':
        options.dataDir = value;
        break;
      case '--name':
        options.name = value;
        break;
      case '--deno':
        options.deno = value;
        break;
      case '--display-name':
        options.displayName = value;
        break;
      case '--env': {
        const at = value.indexOf('=');
        if (at <= 0) {
          throw new Error(`--env expects KEY=VALUE, got ${value}`);
        }
        options.env = { ...options.env, [value.slice(0, at)]: value.slice(at + 1) };
        break;
      }
      default:
        throw new Error(`unknown option ${rest[i]}`);
    }
    i++;
  }
  return { command: command ?? '', options };
}

try {
  const { command, options } = parse(process.argv.slice(2));
  if (command === 'install') {
    const { dir, repaired } = installKernelspec(options);
    process.stdout.write(`${repaired ? 'repaired' : 'installed'} the Deno kernelspec in ${dir}\n`);
  } else if (command === 'uninstall') {
    const { dir, removed } = uninstallKernelspec(options);
    process.stdout.write(removed ? `removed ${dir}\n` : `no kernelspec in ${dir}\n`);
  } else {
    process.stderr.write(USAGE);
    process.exitCode = 2;
  }
} catch (error) {
  process.stderr.write(`async-plotter-kernelspec: ${(error as Error).message}\n`);
  process.exitCode = 1;
}
