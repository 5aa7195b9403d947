import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PlotterHandle } from 'async-plotter/protocol';
import { NO_TOKEN } from '../../../src/jupyterlab/lent-token';
import type { PlotterLink } from '../../../src/jupyterlab/plotter-registry';
import type { RouteChoice } from '../../../src/jupyterlab/route-finder';
import { RoutedLink } from '../../../src/jupyterlab/routed-link';
import type { Endpoint } from '../../../src/viewer/link/endpoint';
import { PlotterModel } from '../../../src/viewer/models/plotter-model';

const HANDLE: PlotterHandle = {
  version: 1,
  id: 'h',
  title: 'training',
  url: 'http://127.0.0.1:40123',
  token: 'secret',
  rate: 30,
  inline: false
};

const ROUTED: Endpoint = { url: 'http://jl', path: '/async-plotter/40123/x', route: 'jupyter' };
const DIRECT: Endpoint = { url: 'http://127.0.0.1:40123', path: '/x', route: 'direct' };

/** A stand-in for the socket.io link: records its endpoint and whether it was closed. */
class FakeLink implements PlotterLink {
  constructor(
    readonly model: PlotterModel,
    readonly endpoint: Endpoint
  ) {
    model.route = endpoint.route;
  }
  disposed = false;
  connect(): void {
    this.model.problem = null;
    this.model.status = 'connected';
  }
  /** What PlotterConnection does when the server goes away (`lost`) or cannot be reached. */
  fail(kind: 'lost' | 'unreachable' | 'gave-up', detail: string): void {
    this.model.problem = { kind, detail };
    this.model.status = 'disconnected';
  }
  async stop(): Promise<boolean> {
    return true;
  }
  async fetchRows(): Promise<null> {
    return null;
  }
  dispose(): void {
    this.disposed = true;
    this.model.status = 'disconnected';
  }
}

/** A routed link whose finder answers from `answers` in turn (the last one repeats). */
function setup(answers: RouteChoice[], maxAttempts = 30) {
  const model = new PlotterModel('nb.ipynb', HANDLE);
  const links: FakeLink[] = [];
  const signals: AbortSignal[] = [];
  let searches = 0;
  const link = new RoutedLink(model, {
    find: async (_, signal) => {
      signals.push(signal);
      return answers[Math.min(searches++, answers.length - 1)];
    },
    open: (target, endpoint) => {
      const opened = new FakeLink(target, endpoint);
      links.push(opened);
      return opened;
    },
    retryDelays: [1],
    maxAttempts
  });
  return { model, link, links, signals, searches: () => searches };
}

const use = (endpoint: Endpoint): RouteChoice => ({ kind: 'use', endpoint, why: 'test' });
const NOTHING: RouteChoice = {
  kind: 'refused',
  route: 'jupyter',
  reason: 'nothing listens on port 40123',
  code: 'nothing-listening'
};
const NOT_LOGGED_IN: RouteChoice = {
  kind: 'refused',
  route: 'jupyter',
  reason: 'not logged in to this Jupyter server',
  code: 'not-logged-in'
};
const DOWN: RouteChoice = { kind: 'unreachable', reason: 'the Jupyter server does not answer' };

const settle = (ms = 30) => new Promise(resolve => setTimeout(resolve, ms));

async function until(condition: () => boolean, what: string): Promise<void> {
  const end = Date.now() + 2000;
  while (!condition()) {
    if (Date.now() > end) {
      assert.fail(`timed out waiting for ${what}`);
    }
    await settle(2);
  }
}

describe('a routed link', () => {
  it('opens the link over the way found', async () => {
    const { model, links, link } = setup([use(ROUTED)]);
    assert.equal(model.status, 'connecting');
    await until(() => links.length === 1, 'the link');
    assert.deepEqual(links[0].endpoint, ROUTED);
    assert.equal(model.route, 'jupyter');
    links[0].connect();
    assert.equal(await link.stop(), true);
    link.dispose();
    assert.equal(links[0].disposed, true);
  });

  it("shows a route's refusal in plain words, opens nothing, and looks again later", async () => {
    const { model, links, searches, link } = setup([NOT_LOGGED_IN, NOT_LOGGED_IN, use(ROUTED)]);
    await until(() => model.problem !== null, 'the problem');
    assert.deepEqual(model.problem, {
      kind: 'route',
      detail: 'not logged in to this Jupyter server'
    });
    assert.equal(model.status, 'connecting', 'still trying: it never connected');
    assert.equal(model.route, 'jupyter');
    assert.equal(links.length, 0);
    assert.equal(await link.stop(), false);
    await until(() => links.length === 1, 'the link once the route answers');
    assert.equal(searches(), 3);
    assert.equal(model.problem, null);
    link.dispose();
  });

  it('says it has no token to connect with, opens nothing, and asks again later', async () => {
    const reason =
      'notebooks do not keep it, and this Jupyter server has no async-plotter server extension that hands it over; use the command "Connect to a Plotter…"';
    const none: RouteChoice = { kind: 'refused', route: 'direct', reason, code: NO_TOKEN };
    const { model, links, link } = setup([none, none, use(DIRECT)]);
    await until(() => model.problem !== null, 'the problem');
    assert.deepEqual(model.problem, { kind: 'token', detail: reason });
    assert.equal(links.length, 0);
    await until(() => links.length === 1, 'the link once a token is there');
    link.dispose();
  });

  it('says nothing listens there when a restored handle names a dead port', async () => {
    const { model, link } = setup([NOTHING]);
    await until(() => model.problem !== null, 'the problem');
    assert.deepEqual(model.problem, {
      kind: 'unreachable',
      detail: 'nothing listens on port 40123'
    });
    assert.equal(model.status, 'connecting');
    link.dispose();
  });

  it('after a loss, keeps reconnecting on the same way without opening a second link', async () => {
    const { links, searches, link } = setup([use(ROUTED)]);
    await until(() => links.length === 1, 'the link');
    links[0].connect();
    links[0].fail('lost', 'transport close');
    await until(() => searches() === 2, 'a second search');
    await settle();
    assert.equal(links.length, 1, 'socket.io reconnects by itself');
    assert.equal(links[0].disposed, false);
    // socket.io gave up: a new link.
    links[0].fail('gave-up', 'websocket error');
    await until(() => links.length === 2, 'a new link');
    assert.equal(links[0].disposed, true);
    link.dispose();
  });

  it('reconnects once the Jupyter server answers again (it restarted), through a new link', async () => {
    const { model, links, searches, link } = setup([use(ROUTED), DOWN, DOWN, use(ROUTED)]);
    await until(() => links.length === 1, 'the link');
    links[0].connect();
    links[0].fail('lost', 'transport close');
    await until(() => model.problem?.kind === 'unreachable' && links[0].disposed, 'the wait');
    assert.equal(model.problem?.detail, 'the Jupyter server does not answer');
    assert.equal(model.status, 'disconnected');
    await until(() => links.length === 2, 'a new link');
    assert.equal(searches(), 4);
    assert.deepEqual(links[1].endpoint, ROUTED);
    assert.equal(model.status, 'connecting');
    links[1].connect();
    assert.equal(model.problem, null);
    link.dispose();
  });

  it('changes ways when another one answers after a loss', async () => {
    const { links, link } = setup([use(ROUTED), use(DIRECT)]);
    await until(() => links.length === 1, 'the link');
    links[0].connect();
    links[0].fail('lost', 'transport close');
    await until(() => links.length === 2, 'the new way');
    assert.equal(links[0].disposed, true);
    assert.deepEqual(links[1].endpoint, DIRECT);
    link.dispose();
  });

  it('after a kernel restart, keeps saying the plot server went away and stops its link retrying', async () => {
    const { model, links, link } = setup([use(ROUTED), NOTHING]);
    await until(() => links.length === 1, 'the link');
    links[0].connect();
    links[0].fail('lost', 'transport close');
    links[0].fail('unreachable', 'websocket error'); // socket.io's first retry
    await until(() => links[0].disposed, 'the link closed');
    assert.deepEqual(model.problem, { kind: 'lost', detail: 'transport close' });
    assert.equal(model.status, 'disconnected');
    link.dispose();
  });

  it('gives up after its attempts, saying so', async () => {
    const { model, searches, link } = setup([DOWN], 3);
    await until(() => model.problem?.kind === 'gave-up', 'giving up');
    assert.equal(model.status, 'disconnected');
    assert.equal(searches(), 4, 'the first search and 3 more');
    await settle();
    assert.equal(searches(), 4);
    link.dispose();
  });

  it('stops searching when disposed, and ends the requests under way', async () => {
    const { model, searches, signals, link } = setup([DOWN]);
    await until(() => model.problem !== null, 'the first answer');
    assert.equal(signals[0].aborted, false);
    link.dispose();
    assert.equal(signals[0].aborted, true);
    const seen = searches();
    await settle();
    assert.equal(searches(), seen);
  });
});
