// Fails when git tracks a build artifact: a file one of the builds writes, or any tracked file
// that .gitignore ignores. Run by `npm run lint`.
import { execFileSync } from 'node:child_process';

/** What the builds and tools write, as path prefixes or name patterns. */
const ARTIFACTS = [
  { what: 'the extension build (npm run build:lib)', test: path => path.startsWith('lib/') },
  {
    what: 'the kernel client build (npm run build:kernel-client)',
    test: path => path.startsWith('kernel-client/lib/')
  },
  {
    what: 'the viewer page bundle (npm run build:page)',
    test: path => path.startsWith('kernel-client/viewer/')
  },
  {
    what: 'the prebuilt labextension (npm run build:labextension)',
    test: path => path.startsWith('jupyterlab_async_plotter/labextension/')
  },
  { what: 'the host build (npm run build:host)', test: path => path.startsWith('host/build/') },
  {
    what: 'the Notebook 7 host build (npm run build:notebook-host)',
    test: path => path.startsWith('host/notebook/build/')
  },
  { what: "TypeScript's build info", test: path => path.endsWith('.tsbuildinfo') },
  {
    what: 'Python bytecode',
    test: path => path.split('/').includes('__pycache__') || /\.py[co]$/.test(path)
  },
  { what: 'installed npm packages', test: path => path.split('/').includes('node_modules') }
];

function git(args) {
  return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function lines(text) {
  return text.split('\0').filter(line => line.length > 0);
}

let tracked;
try {
  tracked = lines(git(['ls-files', '-z', '--cached']));
} catch {
  console.log('check-artifacts: not a git work tree, nothing to check');
  process.exit(0);
}

const found = new Map();
for (const path of tracked) {
  const artifact = ARTIFACTS.find(({ test }) => test(path));
  if (artifact) {
    found.set(path, artifact.what);
  }
}
for (const path of lines(git(['ls-files', '-z', '--cached', '--ignored', '--exclude-standard']))) {
  if (!found.has(path)) {
    found.set(path, 'ignored by .gitignore');
  }
}

if (found.size > 0) {
  console.error(`check-artifacts: ${found.size} build artifact(s) tracked by git:`);
  for (const [path, what] of found) {
    console.error(`  ${path} (${what})`);
  }
  console.error('Remove them from git with `git rm --cached <path>` and keep them ignored.');
  process.exit(1);
}
console.log(`check-artifacts: none of the ${tracked.length} tracked files is a build artifact`);
