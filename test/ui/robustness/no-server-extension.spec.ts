import { expect, test } from '@jupyterlab/galata';
import { OwnHost } from '../helpers/own-host';
import { createPlotNotebook, printedServer, runNewCell } from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import {
  connectFromPalette,
  connectedSection,
  plotPanel,
  plotterCard
} from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// A Jupyter server without this project's server extension (the panel installed alone), on a
// server of this test's own (port 8898): a notebook's handle holds no token and nothing can lend
// one, so the card says why it cannot connect and points to "Connect to a Plotter…", which
// connects with the URL and token as before.

const PORT = 8898;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.setTimeout(240_000);

const host = new OwnHost(PORT, ['--without-server-extension']);

test.beforeAll(() => host.start());
test.afterAll(() => host.stop());

test('without the server extension the card says why it cannot connect; Connect by URL works', async ({
  page
}, testInfo) => {
  const title = 'no extension';
  await createPlotNotebook(
    page,
    'no-extension.ipynb',
    `${openPlotterCode(title, 20)}
console.log(JSON.stringify({ url: plot.handle.url, token: plot.handle.token }));`
  );
  // The panel opens by itself when a plotter first connects: here, from the handle.
  const output = page.locator('.jp-AsyncPlotter-handle');
  await expect(output).toContainText(`Live plot "${title}"`, { timeout: 30_000 });
  await output.getByRole('button', { name: 'Show the live plot panel' }).click();
  await expect(plotPanel(page)).toBeVisible();
  const card = plotterCard(page, title);
  await expect(card).toContainText("Cannot connect without the plotter's token", {
    timeout: 30_000
  });
  await expect(card).toContainText(
    'this Jupyter server has no async-plotter server extension that hands it over'
  );
  await expect(card).toContainText('"Connect to a Plotter…"');
  await expect(page.locator('.jp-AsyncPlotter-card[data-chart="loss"]')).toHaveCount(0);
  await card.screenshot({ path: testInfo.outputPath('no-token-card.png') });

  // The URL and token the kernel has (printed here by the test) connect by hand, as before.
  const { url, token } = await printedServer(page, 0);
  await connectFromPalette(page, { url, token, title: 'by hand' });
  const connected = connectedSection(page).locator('.jp-AsyncPlotter-card[data-chart="loss"]');
  await expect(connected).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
  await expect.poll(() => cardPoints(connected)).toBe(20);
  await runNewCell(page, pushRowsCode(20, 30));
  await expect.poll(() => cardPoints(connected)).toBe(30);
});
