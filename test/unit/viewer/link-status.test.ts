import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nullTranslator } from '@jupyterlab/translation';
import {
  disconnectText,
  problemText,
  routeDescription,
  routeText,
  statusText
} from '../../../src/viewer/link/link-status';

const trans = nullTranslator.load('jupyterlab_async_plotter');

describe('link-status wording', () => {
  it('says why a link that was up was lost in plain words, not socket.io reasons', () => {
    assert.equal(
      problemText({ kind: 'lost', detail: 'transport close' }, trans),
      'Lost the link: the plot server went away (kernel restarted or stopped)'
    );
    const reasons = [
      'transport close',
      'ping timeout',
      'transport error',
      'io server disconnect',
      'io client disconnect',
      'parse error'
    ];
    const words = reasons.map(reason => disconnectText(reason, trans));
    for (const [index, text] of words.entries()) {
      assert.doesNotMatch(text, /transport|ping|\bio\b|parse/, `${reasons[index]}: ${text}`);
      assert.match(text, /^the (plot server|connection|panel) /);
    }
    assert.equal(new Set(words).size, reasons.length, 'each reason has its own words');
    // A reason socket.io may add later is shown as it is rather than hidden.
    assert.equal(disconnectText('something new', trans), 'something new');
    assert.equal(disconnectText('constructor', trans), 'constructor');
  });

  it('words the other problems with their detail, and nothing when all is well', () => {
    assert.equal(problemText(null, trans), '');
    assert.equal(
      problemText({ kind: 'refused', detail: 'wrong token' }, trans),
      'Refused by the plot server: wrong token'
    );
    assert.equal(
      problemText({ kind: 'closed', detail: 'the plotter was closed' }, trans),
      'The plot server ended the link: the plotter was closed'
    );
    assert.match(
      problemText({ kind: 'unreachable', detail: 'websocket error' }, trans),
      /^Cannot reach the plot server \(websocket error\); retrying$/
    );
    assert.equal(statusText('stalled', trans), 'stalled');
    assert.equal(statusText('paused', trans), 'paused');
    assert.equal(
      problemText({ kind: 'route', detail: 'not logged in to this Jupyter server' }, trans),
      'The Jupyter server refused to carry the link: not logged in to this Jupyter server'
    );
  });

  it('names the way a link goes, and says what it means', () => {
    assert.equal(routeText('jupyter', trans), 'via Jupyter server');
    assert.equal(routeText('proxy', trans), 'via jupyter-server-proxy');
    assert.equal(routeText('direct', trans), 'direct');
    // The viewer page's own server, and a link still looking for its way: nothing to say.
    assert.equal(routeText('page', trans), '');
    assert.equal(routeText(null, trans), '');
    for (const route of ['jupyter', 'proxy', 'direct'] as const) {
      assert.match(routeDescription(route, trans), /^The link goes /);
    }
  });
});
