/** Browser commands: the `BROWSER` variable read as Python's webbrowser and Jupyter read it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  browserCommands,
  platformOpener
} from '../../../kernel-client/src/showing/browser-command.ts';
import { browserArgv, splitCommandLine } from '../../../kernel-client/src/showing/command-line.ts';

const URL = 'http://127.0.0.1:4000/?token=abc';

test('command lines split like a shell would, without running one', () => {
  assert.deepEqual(splitCommandLine('firefox --new-window'), ['firefox', '--new-window']);
  assert.deepEqual(splitCommandLine(`  "/opt/my browser/run" 'a b' c\\ d  `), [
    '/opt/my browser/run',
    'a b',
    'c d'
  ]);
  assert.deepEqual(splitCommandLine(`x "say \\"hi\\"" '' ;rm`), ['x', 'say "hi"', '', ';rm']);
  assert.throws(() => splitCommandLine('x "open'), /unterminated " quote/);
});

test('%s stands for the link, otherwise the link comes last; a trailing & is dropped', () => {
  assert.deepEqual(browserArgv('chromium --app=%s', URL), ['chromium', `--app=${URL}`]);
  assert.deepEqual(browserArgv('firefox', URL), ['firefox', URL]);
  assert.deepEqual(browserArgv('firefox -new-tab %s &', URL), ['firefox', '-new-tab', URL]);
  assert.deepEqual(browserArgv('   ', URL), []);
});

test('which commands are tried: none, a chosen one, or BROWSER then the opener', () => {
  const env = { BROWSER: 'w3m:firefox %s::' };
  assert.deepEqual(browserCommands(undefined, env, 'linux'), []);
  assert.deepEqual(browserCommands(false, env, 'linux'), []);
  assert.deepEqual(browserCommands('my-viewer --flag', env, 'linux'), ['my-viewer --flag']);
  assert.deepEqual(browserCommands(true, env, 'linux'), ['w3m', 'firefox %s', 'xdg-open']);
  assert.deepEqual(browserCommands(true, {}, 'darwin'), ['open']);
  assert.deepEqual(browserCommands(true, { BROWSER: 'a;b' }, 'win32'), [
    'a',
    'b',
    'cmd /c start ""'
  ]);
  assert.throws(() => browserCommands(' ', env, 'linux'), /the browser command is empty/);
  assert.equal(platformOpener('freebsd'), 'xdg-open');
});
