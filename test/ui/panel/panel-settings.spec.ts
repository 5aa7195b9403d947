import { expect, test } from '@jupyterlab/galata';
import { cardButton, downloadedBytes, drawnRows, runNewCell } from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { setPanelSetting } from '../helpers/panel-settings';
import { chartCard, plotPanel } from '../helpers/plot-panel';
import { expectedRows, openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

test('the Settings Editor shows the panel settings with titles and descriptions', async ({
  page
}) => {
  await page.evaluate(() =>
    window.jupyterapp.commands.execute('settingeditor:open', { query: 'Live Plots' })
  );
  const editor = page.locator('#jp-main-dock-panel');
  await expect(
    editor.getByText('Settings of the live plot panel (async-plotter).').first()
  ).toBeVisible({
    timeout: 20_000
  });
  for (const text of [
    'Placement',
    'Side of the window where the plot panel docks.',
    'Open on a new plotter',
    'Maximum frames per second',
    'Row limit of charts drawn from every row',
    'Show charts inline'
  ]) {
    await expect(editor.getByText(text, { exact: true }).first()).toBeVisible();
  }
  // JupyterLab's settings form gives its controls no accessible names: find them in the group.
  const group = editor.getByRole('group', { name: 'Live Plots' });
  const placement = group.getByRole('combobox');
  await expect(placement.locator('option:checked')).toHaveText('right');
  await expect(group.getByRole('spinbutton')).toHaveValue('30');
  await expect(group.getByRole('textbox')).toHaveValue('100000');

  // A change made in the editor applies live: the panel moves to the left side bar.
  await placement.selectOption({ label: 'left' });
  await expect(
    page.locator('.jp-SideBar.jp-mod-left .lm-TabBar-tab[data-id="jupyterlab-async-plotter-panel"]')
  ).toHaveCount(1, { timeout: 20_000 });
});

test('inline mode draws the chart in the cell output; no auto-open; the row limit applies to undecimated charts', async ({
  page
}, testInfo) => {
  await setPanelSetting(page, 'inline', true);
  await setPanelSetting(page, 'autoOpen', false);
  await setPanelSetting(page, 'rowLimit', 10);

  await page.route(/\/api\/kernels\/[^/]+\/interrupt/, route => route.continue());
  await page.notebook.createNew('inline.ipynb', { kernel: 'deno' });
  await page.notebook.setCell(0, 'code', openPlotterCode('inline', 30, 'loss', { mark: 'bar' }));
  await page.notebook.runCell(0, { inplace: true });

  const inline = page.locator('.jp-Notebook .jp-AsyncPlotter-inline[data-chart="loss"]');
  await expect(inline).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.jp-Notebook .jp-AsyncPlotter-handle')).toHaveAttribute(
    'data-status',
    'connected'
  );
  // A bar chart is drawn from every row: only the last 10 are kept (the row limit), inline too.
  await expect.poll(async () => Number(await inline.getAttribute('data-rows'))).toBe(10);
  await runNewCell(page, pushRowsCode(30, 35));
  await expect.poll(async () => Number(await inline.getAttribute('data-rows'))).toBe(10);
  await page
    .locator('.jp-Notebook .jp-Cell')
    .first()
    .screenshot({ path: testInfo.outputPath('inline-cell.png') });
  // autoOpen is off: the panel stayed closed.
  await expect(plotPanel(page)).toBeHidden();

  await page.evaluate(() => window.jupyterapp.commands.execute('jupyterlab-async-plotter:open'));
  const card = chartCard(page, 'loss');
  await expect(card).toBeVisible();
  await expect.poll(() => cardPoints(card)).toBe(10);
  await expect.poll(() => drawnRows(card)).toBe(10);
  // The card says rows were left out, and why.
  const shown = card.locator('.jp-AsyncPlotter-points');
  await expect(shown).toHaveText('showing the last 10 of 35 rows');
  await expect(shown).toHaveAttribute('title', /Drawn from every row \(a bar mark\)/);
  // The export still holds every row pushed: it reads them from the plot server.
  const csv = await downloadedBytes(page, () =>
    cardButton(card, 'Download the data as CSV').click()
  );
  const lines = csv.bytes.toString('utf8').trimEnd().split('\r\n');
  expect(lines).toEqual(['step,loss', ...expectedRows(0, 35).map(r => `${r.step},${r.loss}`)]);
});
