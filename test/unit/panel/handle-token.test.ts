/**
 * A notebook's handle holds no token: the panel asks the Jupyter server for it, keeps it for the
 * page only (never in what it saves across reloads), and says plainly why it cannot connect
 * when the Jupyter server gives none.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotterHandle } from 'async-plotter/protocol';
import { askToken, tokenAddress } from '../../../src/jupyterlab/handle-token';
import { NO_TOKEN, keptHandle, lendToken } from '../../../src/jupyterlab/lent-token';
import type { ProbeAnswer, RouteChoice, RouteProbes } from '../../../src/jupyterlab/route-finder';
import { parseHandle } from '../../../src/viewer/link/handle';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';

const PLACE = {
  baseUrl: 'https://hub.example.org/user/alice/',
  wsUrl: 'wss://hub.example.org/user/alice/',
  wsToken: ''
};
const TOKEN_URL = 'https://hub.example.org/user/alice/async-plotter/token/40123';

/** A notebook's handle, as the kernel client displays it (parsed as the renderer does). */
function notebookHandle(id = 'h'): PlotterHandle {
  return parseHandle({
    version: 2,
    id,
    title: 't',
    url: 'http://127.0.0.1:40123',
    rate: 30,
    inline: false
  });
}

/** Probes answering the token address with `answer` (an Error: the server does not answer). */
function probes(answer: ProbeAnswer | Error): RouteProbes & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async url => {
      asked.push(url);
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
    reachable: async () => false
  };
}

const USE: Extract<RouteChoice, { kind: 'use' }> = {
  kind: 'use',
  endpoint: { url: 'https://hub.example.org', path: '/x', route: 'jupyter' },
  why: 'the route answers'
};

describe('handle token', () => {
  it("parses a notebook's handle without a token", () => {
    assert.equal(notebookHandle().token, '');
    assert.throws(() => parseHandle({ ...notebookHandle(), token: 7 }), /token that is not text/);
  });

  it("asks the Jupyter server's token address, under its base URL", async () => {
    assert.equal(tokenAddress(PLACE, '40123'), TOKEN_URL);
    const fake = probes({ status: 200, routed: true, body: { token: 'lent' } });
    assert.deepEqual(await askToken('http://127.0.0.1:40123', PLACE, fake), {
      kind: 'token',
      token: 'lent'
    });
    assert.deepEqual(fake.asked, [TOKEN_URL]);
  });

  it('says why when the Jupyter server gives no token, and points to the Connect command', async () => {
    const cases: [ProbeAnswer, RegExp][] = [
      [{ status: 404, routed: false, body: null }, /no async-plotter server extension/],
      [
        { status: 404, routed: true, body: { code: 'not-a-port', message: "'token' is not" } },
        /no async-plotter server extension/
      ],
      [
        { status: 404, routed: true, body: { code: 'no-token-file', message: 'no plotter…' } },
        /does not hand it over \(no plotter…\)/
      ],
      [
        { status: 403, routed: true, body: { code: 'not-logged-in', message: 'not logged in' } },
        /does not hand it over \(not logged in\)/
      ]
    ];
    for (const [answer, reason] of cases) {
      const got = await askToken('http://127.0.0.1:40123', PLACE, probes(answer));
      assert.equal(got.kind, 'none');
      assert.match(got.kind === 'none' ? got.reason : '', reason);
      assert.match(got.kind === 'none' ? got.reason : '', /"Connect to a Plotter…"/);
    }
  });

  it('no plot server on the port, or no answer, are what the route finder says of them', async () => {
    const gone = await askToken(
      'http://127.0.0.1:40123',
      PLACE,
      probes({ status: 404, routed: true, body: { code: 'nothing-listening', message: 'nothing' } })
    );
    assert.deepEqual(gone, {
      kind: 'refused',
      route: 'jupyter',
      reason: 'nothing',
      code: 'nothing-listening'
    });
    const silent = await askToken('http://127.0.0.1:40123', PLACE, probes(new Error('down')));
    assert.equal(silent.kind, 'unreachable');
  });

  it('lends the token to the model only, never to what is kept across reloads', async () => {
    const handle = notebookHandle();
    const model = new PlotterModel('nb', handle, null);
    const fake = probes({ status: 200, routed: true, body: { token: 'lent' } });
    assert.equal(await lendToken(model, handle, USE, PLACE, fake), USE);
    assert.equal(model.handle.token, 'lent');
    const kept = keptHandle(model.handle);
    assert.ok(!('token' in kept), 'no token kept');
    assert.ok(!JSON.stringify(kept).includes('lent'));
    const { version, id, title, url, rate, inline } = handle;
    assert.deepEqual(kept, { version, id, title, url, rate, inline });
    // A token given by hand (the Connect command) is the person's: kept as before.
    const manual = { ...handle, token: 'typed' };
    assert.equal(keptHandle(manual), manual);
    model.dispose();
  });

  it("a token refused becomes the card's reason; a replaced handle is left alone", async () => {
    const handle = notebookHandle();
    const model = new PlotterModel('nb', handle, null);
    const none = await lendToken(
      model,
      handle,
      USE,
      PLACE,
      probes({ status: 404, routed: false, body: null })
    );
    assert.equal(none.kind === 'refused' && none.code, NO_TOKEN);
    const rerun = notebookHandle('h2');
    model.handle = rerun;
    const late = await lendToken(
      model,
      handle,
      USE,
      PLACE,
      probes({ status: 200, routed: true, body: { token: 'old' } })
    );
    assert.equal(late.kind, 'unreachable');
    assert.equal(model.handle, rerun);
    model.dispose();
  });
});
