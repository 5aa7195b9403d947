import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PlotterRegistry } from '../../../src/jupyterlab/plotter-registry';
import type { PlotterLink } from '../../../src/jupyterlab/plotter-registry';
import { DEFAULT_SETTINGS, parseSettings } from '../../../src/jupyterlab/settings';
import { append, handle } from '../viewer/wire';

describe('PlotterRegistry', () => {
  function registry() {
    const links: { model: string; disposed: boolean }[] = [];
    const reg = new PlotterRegistry({
      connect: model => {
        const link = { model: model.handle.id, disposed: false };
        links.push(link);
        const out: PlotterLink = {
          stop: async () => true,
          fetchRows: async () => null,
          dispose: () => (link.disposed = true)
        };
        return out;
      }
    });
    return { reg, links };
  }
  const section = { key: 'a.ipynb', label: 'a.ipynb' };

  it('a re-run (same section and title) takes the model over', () => {
    const { reg, links } = registry();
    const first = reg.open(handle('1', 'live'), section);
    first.applyFrame({ seq: 1, charts: [{ chart: 'loss', datasets: [append('p', [1])] }] }, 0);
    const changes: string[] = [];
    reg.changed.connect((_, change) => changes.push(change.type));
    const second = reg.open(handle('2', 'live'), section);
    assert.equal(second, first);
    assert.equal(first.handle.id, '2');
    assert.deepEqual(changes, ['replaced']);
    assert.deepEqual(
      links.map(l => l.disposed),
      [true, false]
    );
    assert.equal(first.charts.get('loss')?.points, 1, 'the card keeps its data until the snapshot');
  });

  it('says which section follows a handle id already, for a handle whose notebook is not found yet', () => {
    const { reg, links } = registry();
    assert.equal(reg.sectionFollowing('1'), null);
    const restored = reg.open(handle('1', 'live'), section);
    assert.deepEqual(reg.sectionFollowing('1'), section);
    assert.equal(reg.sectionFollowing('2'), null);
    // The renderer then opens it in that section: the same model, one link, one card.
    assert.equal(reg.open(handle('1', 'live'), reg.sectionFollowing('1') ?? section), restored);
    assert.equal(links.length, 1);
  });

  it('the same handle rendered twice opens one link', () => {
    const { reg, links } = registry();
    reg.open(handle('1', 'live'), section);
    reg.open(handle('1', 'live'), section);
    assert.equal(links.length, 1);
  });

  it('other titles or notebooks get their own models; remove disposes', () => {
    const { reg, links } = registry();
    const a = reg.open(handle('1', 'live'), section);
    const b = reg.open(handle('2', 'other'), section);
    const c = reg.open(handle('3', 'live'), { key: 'b.ipynb', label: 'b.ipynb' });
    assert.notEqual(a, b);
    assert.notEqual(a, c);
    assert.equal(reg.handles().length, 3);
    reg.remove(a);
    assert.equal(a.isDisposed, true);
    assert.equal(links[0].disposed, true);
    reg.dispose();
    reg.dispose();
    assert.equal(
      links.every(l => l.disposed),
      true
    );
  });
});

describe('settings', () => {
  it('parses settings with defaults', () => {
    assert.deepEqual(parseSettings({}), DEFAULT_SETTINGS);
    assert.deepEqual(parseSettings({ placement: 'left', maxFps: 1000, rowLimit: null }), {
      ...DEFAULT_SETTINGS,
      placement: 'left',
      maxFps: 240,
      rowLimit: null
    });
  });
});
