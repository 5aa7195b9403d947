import { expect, test } from '@jupyterlab/galata';
import {
  createPlotNotebook,
  drawnRows,
  printedServer,
  runNewCell
} from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import {
  chartCard,
  connectButton,
  connectFromPalette,
  fillConnectDialog,
  openConnectDialog,
  connectedSection,
  plotPanel,
  plotterCard
} from '../helpers/plot-panel';
import { openPlotterCode, pushRowsCode } from '../../support/plotter-cell';

// About 25-35 s each on an idle machine; up to twice that while the 2 cores are shared.
test.describe.configure({ timeout: 120_000 });

test.describe('connecting to a plotter by URL and token', () => {
  let server: { url: string; token: string };

  // A plotter started without showing its handle: the panel knows nothing of it until the user
  // connects by hand with the URL and token the cell printed.
  test.beforeEach(async ({ page }) => {
    await createPlotNotebook(
      page,
      'remote.ipynb',
      openPlotterCode('remote', 40, 'loss', { display: false })
    );
    server = await printedServer(page, 0);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    await expect(plotPanel(page).locator('.jp-AsyncPlotter-card')).toHaveCount(0);
  });

  test('the palette command asks for URL and token, then a card draws the pushed points', async ({
    page
  }, testInfo) => {
    await connectFromPalette(
      page,
      { ...server, title: 'remote' },
      testInfo.outputPath('connect-dialog.png')
    );
    await expect(plotPanel(page)).toBeVisible();
    const section = connectedSection(page);
    await expect(section.locator('.jp-AsyncPlotter-sectionHeading')).toHaveText('Connected by URL');
    const card = section.locator('.jp-AsyncPlotter-card[data-chart="loss"]');
    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect(card).toHaveAccessibleName('remote · loss');
    await expect.poll(() => drawnRows(card)).toBe(40);
    expect(await cardPoints(card)).toBe(40);
    await expect(card.locator('.jp-AsyncPlotter-problem')).toBeHidden();

    // Points pushed later stream into the same card.
    await runNewCell(page, pushRowsCode(40, 65));
    await expect.poll(() => cardPoints(card)).toBe(65);
    await expect.poll(() => drawnRows(card)).toBe(65);
    await plotPanel(page).screenshot({ path: testInfo.outputPath('connected-panel.png') });

    // The dialog holds back a URL that is not one; one that is but not http(s) gets a message,
    // and nothing is added to the panel.
    const dialog = await openConnectDialog(page);
    await fillConnectDialog(dialog, { url: 'not a url', token: 'x', title: 'typo' });
    await expect(connectButton(dialog)).toBeDisabled();
    expect(
      await dialog.getByLabel('Plotter URL').evaluate(input => input.matches(':invalid'))
    ).toBe(true);
    await dialog.locator('.jp-Dialog-content').screenshot({
      path: testInfo.outputPath('invalid-url.png')
    });
    await fillConnectDialog(dialog, { url: 'ftp://127.0.0.1:21', token: 'x', title: 'typo' });
    await connectButton(dialog).click();
    const error = page.locator('.jp-Dialog');
    await expect(error.locator('.jp-Dialog-header')).toHaveText('Cannot connect to the plotter');
    await expect(error.locator('.jp-Dialog-body')).toHaveText(
      'The plotter URL "ftp://127.0.0.1:21" must use http or https.'
    );
    await error.locator('.jp-Dialog-content').screenshot({
      path: testInfo.outputPath('not-http.png')
    });
    await error.locator('.jp-Dialog-footer').getByRole('button', { name: 'Close' }).click();
    await expect(error).toHaveCount(0);
    await expect(plotPanel(page).locator('.jp-AsyncPlotter-plotterCard')).toHaveCount(0);
    await expect(section.locator('.jp-AsyncPlotter-card')).toHaveCount(1);

    // The notebook closes its plotter: the card says so and keeps its data.
    await runNewCell(page, 'await plot.close();');
    await expect(card).toHaveAttribute('data-status', 'disconnected');
    await expect(card.locator('.jp-AsyncPlotter-problem')).toHaveText(
      'The plot server ended the link: the plotter was closed'
    );
    expect(await cardPoints(card)).toBe(65);
    expect(await drawnRows(card)).toBe(65);
    await card.screenshot({ path: testInfo.outputPath('closed-card.png') });
  });

  test('a wrong token ends refused on the card; the right one then takes the card over', async ({
    page
  }, testInfo) => {
    await connectFromPalette(page, { url: server.url, token: 'not-the-token', title: 'remote' });
    const waiting = plotterCard(page, 'remote');
    await expect(waiting).toHaveAttribute('data-status', 'disconnected', { timeout: 30_000 });
    await expect(waiting).toHaveAttribute('data-problem', 'refused');
    await expect(waiting.locator('.jp-AsyncPlotter-status')).toHaveText('disconnected');
    await expect(waiting.locator('.jp-AsyncPlotter-plotterMessage')).toHaveText(
      'Refused by the plot server: wrong token'
    );
    await expect(waiting).toHaveAccessibleName('remote');
    // The panel is whole: its section and heading, no chart card, the empty note hidden.
    await expect(connectedSection(page).locator('.jp-AsyncPlotter-sectionHeading')).toHaveText(
      'Connected by URL'
    );
    await expect(plotPanel(page).locator('.jp-AsyncPlotter-empty')).toBeHidden();
    await expect(plotPanel(page).locator('.jp-AsyncPlotter-card')).toHaveCount(0);

    // A server nobody listens on: still trying, and the card says so.
    await connectFromPalette(page, { url: 'http://127.0.0.1:9', token: 'x', title: 'nowhere' });
    const nowhere = plotterCard(page, 'nowhere');
    await expect(nowhere).toHaveAttribute('data-problem', 'unreachable', { timeout: 30_000 });
    await expect(nowhere).toHaveAttribute('data-status', 'connecting');
    await expect(nowhere.locator('.jp-AsyncPlotter-plotterMessage')).toContainText(
      'Cannot reach the plot server'
    );
    await plotPanel(page).screenshot({ path: testInfo.outputPath('refused-panel.png') });

    // "Remove from the panel" forgets a plotter that does not answer.
    await nowhere.getByRole('button', { name: 'Remove from the panel' }).click();
    await expect(nowhere).toHaveCount(0);

    // Connecting again with the right token (same title) replaces the refused card by the chart.
    await connectFromPalette(page, { ...server, title: 'remote' });
    const card = chartCard(page, 'loss');
    await expect(card).toHaveAttribute('data-status', 'connected', { timeout: 30_000 });
    await expect(waiting).toHaveCount(0);
    await expect.poll(() => drawnRows(card)).toBe(40);
    await expect(card.locator('.jp-AsyncPlotter-problem')).toBeHidden();
    await runNewCell(page, pushRowsCode(40, 50));
    await expect.poll(() => drawnRows(card)).toBe(50);
    await plotPanel(page).screenshot({ path: testInfo.outputPath('retried-panel.png') });
  });
});
