import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotterHandle } from 'async-plotter/protocol';
import { findRoute } from '../../../src/jupyterlab/route-finder';
import type { ProbeAnswer, RouteContext, RouteProbes } from '../../../src/jupyterlab/route-finder';

const IDENTITY = { service: 'async-plotter', protocol: 1 };

function handle(url: string): PlotterHandle {
  return { version: 1, id: 'h', title: 't', url, token: 'secret', rate: 30, inline: false };
}

/** A hub user's JupyterLab: base URL `/user/alice/`, page at `pageHost`. */
function hub(pageHost = 'hub.example.org', wsToken = ''): RouteContext {
  return {
    place: {
      baseUrl: 'https://hub.example.org/user/alice/',
      wsUrl: 'wss://hub.example.org/user/alice/',
      wsToken
    },
    pageHost
  };
}

/** A JupyterLab on this machine at `/`. */
const LOCAL: RouteContext = {
  place: { baseUrl: 'http://127.0.0.1:8888/', wsUrl: 'ws://127.0.0.1:8888/', wsToken: '' },
  pageHost: '127.0.0.1'
};

/**
 * Probes that answer each address from `answers` (an Error: the server does not answer; a
 * missing address: the Jupyter server's own 404) and say whether addresses of the browser's
 * machine answer from `reachable`; every address asked is recorded.
 */
function fakeProbes(
  answers: Record<string, ProbeAnswer | Error>,
  reachable: string[] = []
): RouteProbes & { asked: string[] } {
  const asked: string[] = [];
  return {
    asked,
    get: async url => {
      asked.push(url);
      const answer = answers[url] ?? { status: 404, routed: false, body: null };
      if (answer instanceof Error) {
        throw answer;
      }
      return answer;
    },
    reachable: async url => {
      asked.push(`reachable? ${url}`);
      return reachable.includes(url);
    }
  };
}

const ROUTE = 'https://hub.example.org/user/alice/async-plotter/40123/async-plotter/identity';
const PROXY = 'https://hub.example.org/user/alice/proxy/40123/async-plotter/identity';
const LOCAL_ROUTE = 'http://127.0.0.1:8888/async-plotter/40123/async-plotter/identity';
const DIRECT = 'http://127.0.0.1:40123/async-plotter/identity';

function refusal(status: number, code: string, message: string): ProbeAnswer {
  return { status, routed: true, body: { message, code } };
}

describe('the route finder', () => {
  it('takes the Jupyter route, under the base URL, when it answers with the identity', async () => {
    const probes = fakeProbes({ [ROUTE]: { status: 200, routed: true, body: IDENTITY } });
    const choice = await findRoute(handle('http://127.0.0.1:40123'), hub(), probes);
    assert.deepEqual(probes.asked, [ROUTE]);
    assert.equal(choice.kind, 'use');
    assert.deepEqual(choice.kind === 'use' && choice.endpoint, {
      url: 'https://hub.example.org',
      path: '/user/alice/async-plotter/40123/async-plotter/socket.io',
      query: undefined,
      route: 'jupyter'
    });
  });

  it("passes Jupyter's token to the socket when JupyterLab appends it to its own", async () => {
    const probes = fakeProbes({ [ROUTE]: { status: 200, routed: true, body: IDENTITY } });
    const choice = await findRoute(handle('http://localhost:40123'), hub('x', 'jt'), probes);
    assert.deepEqual(choice.kind === 'use' && choice.endpoint.query, { token: 'jt' });
  });

  it('counts every loopback spelling as the kernel machine, anything else as elsewhere', async () => {
    for (const url of ['http://localhost:40123', 'http://[::1]:40123', 'http://127.0.0.2:40123']) {
      const probes = fakeProbes({ [ROUTE]: { status: 200, routed: true, body: IDENTITY } });
      const choice = await findRoute(handle(url), hub(), probes);
      assert.equal(choice.kind === 'use' && choice.endpoint.route, 'jupyter', url);
    }
    for (const url of ['http://10.1.2.3:40123', 'http://gpu-box.lan:40123', 'http://[fe80::1]:1']) {
      const probes = fakeProbes({});
      const choice = await findRoute(handle(url), hub(), probes);
      assert.equal(choice.kind === 'use' && choice.endpoint.route, 'direct', url);
      assert.equal(choice.kind === 'use' && choice.endpoint.url, url);
      assert.deepEqual(probes.asked, [], `${url}: nothing asked`);
    }
  });

  it("shows the route's refusal instead of trying ways that cannot work", async () => {
    const cases: [ProbeAnswer, string][] = [
      [refusal(403, 'not-logged-in', 'not logged in to this Jupyter server'), 'not logged in'],
      [refusal(502, 'plot-server-gone', 'the plot server on port 40123 did not answer'), 'did not'],
      [refusal(404, 'nothing-listening', 'nothing listens on port 40123'), 'nothing listens'],
      [{ status: 200, routed: true, body: { service: 'other' } }, 'not with a plot server'],
      [{ status: 404, routed: true, body: 'not json' }, 'HTTP 404']
    ];
    for (const [answer, words] of cases) {
      const probes = fakeProbes({ [ROUTE]: answer });
      const choice = await findRoute(handle('http://127.0.0.1:40123'), hub(), probes);
      assert.equal(choice.kind, 'refused', words);
      assert.match(choice.kind === 'refused' ? choice.reason : '', new RegExp(words));
      assert.deepEqual(probes.asked, [ROUTE], `${words}: nothing else asked`);
    }
  });

  it("tries the browser's own machine only when the page is on loopback and the Jupyter server has no plot server there", async () => {
    const nothing = refusal(404, 'nothing-listening', 'nothing listens on port 40123');
    const other = refusal(404, 'not-a-plot-server', 'no plot server on port 40123: it is ssh');
    for (const answer of [nothing, other]) {
      // JupyterLab through an SSH tunnel, the plot server a script on this machine.
      const tunnel = fakeProbes({ [LOCAL_ROUTE]: answer }, [DIRECT]);
      const choice = await findRoute(handle('http://127.0.0.1:40123'), LOCAL, tunnel);
      assert.equal(choice.kind === 'use' && choice.endpoint.route, 'direct');
      assert.deepEqual(tunnel.asked, [LOCAL_ROUTE, `reachable? ${DIRECT}`]);
      // Nothing on this machine either: the route's reason.
      const gone = fakeProbes({ [LOCAL_ROUTE]: answer });
      const refused = await findRoute(handle('http://127.0.0.1:40123'), LOCAL, gone);
      assert.equal(
        refused.kind === 'refused' && refused.code,
        answer === nothing ? 'nothing-listening' : 'not-a-plot-server'
      );
    }
    // A page from elsewhere never tries the kernel's loopback.
    const remote = fakeProbes({ [ROUTE]: nothing }, [DIRECT]);
    const choice = await findRoute(handle('http://127.0.0.1:40123'), hub(), remote);
    assert.equal(choice.kind, 'refused');
    assert.deepEqual(remote.asked, [ROUTE]);
    // Other refusals are not worked around, even on loopback.
    const denied = fakeProbes(
      {
        [LOCAL_ROUTE]: refusal(403, 'other-user', "port 40123 is served by another user's process")
      },
      [DIRECT]
    );
    const refused = await findRoute(handle('http://127.0.0.1:40123'), LOCAL, denied);
    assert.equal(refused.kind === 'refused' && refused.code, 'other-user');
  });

  it('without the route, takes jupyter-server-proxy when it answers with the identity, else the direct address', async () => {
    const proxied = fakeProbes({ [PROXY]: { status: 200, routed: false, body: IDENTITY } });
    const choice = await findRoute(handle('http://127.0.0.1:40123'), hub(), proxied);
    assert.deepEqual(proxied.asked, [ROUTE, PROXY]);
    assert.deepEqual(choice.kind === 'use' && choice.endpoint, {
      url: 'https://hub.example.org',
      path: '/user/alice/proxy/40123/async-plotter/socket.io',
      query: undefined,
      route: 'proxy'
    });

    for (const proxy of [
      { status: 404, routed: false, body: null },
      { status: 200, routed: false, body: { service: 'a dashboard' } },
      { status: 502, routed: false, body: null }
    ]) {
      const probes = fakeProbes({ [PROXY]: proxy });
      const direct = await findRoute(handle('http://127.0.0.1:40123'), hub(), probes);
      assert.equal(direct.kind === 'use' && direct.endpoint.route, 'direct');
      assert.equal(direct.kind === 'use' && direct.endpoint.url, 'http://127.0.0.1:40123');
    }
  });

  it('waits rather than guesses while the Jupyter server does not answer', async () => {
    const down = fakeProbes({ [ROUTE]: new TypeError('Failed to fetch') });
    assert.deepEqual(await findRoute(handle('http://127.0.0.1:40123'), hub(), down), {
      kind: 'unreachable',
      reason: 'the Jupyter server does not answer'
    });
    const hubProxy = fakeProbes({ [ROUTE]: { status: 503, routed: false, body: null } });
    const choice = await findRoute(handle('http://127.0.0.1:40123'), hub(), hubProxy);
    assert.equal(choice.kind, 'unreachable');
    assert.deepEqual(hubProxy.asked, [ROUTE]);
    const proxyDown = fakeProbes({ [PROXY]: new TypeError('Failed to fetch') });
    const later = await findRoute(handle('http://127.0.0.1:40123'), hub(), proxyDown);
    assert.equal(later.kind, 'unreachable');
  });

  it('builds addresses under a base URL given without its trailing slash too', async () => {
    const context: RouteContext = {
      place: {
        baseUrl: 'http://127.0.0.1:8891/user/alice',
        wsUrl: 'ws://127.0.0.1:8891/user/alice',
        wsToken: ''
      },
      pageHost: '127.0.0.1'
    };
    const identity = 'http://127.0.0.1:8891/user/alice/async-plotter/5000/async-plotter/identity';
    const probes = fakeProbes({ [identity]: { status: 200, routed: true, body: IDENTITY } });
    const choice = await findRoute(handle('http://127.0.0.1:5000'), context, probes);
    assert.deepEqual(probes.asked, [identity]);
    assert.equal(
      choice.kind === 'use' && choice.endpoint.path,
      '/user/alice/async-plotter/5000/async-plotter/socket.io'
    );
    assert.equal(choice.kind === 'use' && choice.endpoint.url, 'http://127.0.0.1:8891');
  });
});
