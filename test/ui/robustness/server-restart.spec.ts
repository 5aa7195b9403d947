import { expect, test } from '@jupyterlab/galata';
import { OwnHost } from '../helpers/own-host';
import { startPlotNotebook } from '../helpers/panel-notebook';
import { cardPoints } from '../../support/card-points';
import { chartCard } from '../helpers/plot-panel';
import { openPlotterCode } from '../../support/plotter-cell';

// The Jupyter server restarting under a streaming notebook, on a server of this test's own
// (port 8895, so that the suite's server is not touched). The panel reaches the plot server
// through the Jupyter server's route, and the server shuts its kernels down as it stops: the
// card says the Jupyter server does not answer and keeps every point; once the server is back,
// the route says the plot server is gone, and the panel keeps the card and its points.

const PORT = 8895;
test.use({ baseURL: `http://127.0.0.1:${PORT}` });
test.setTimeout(240_000);

const host = new OwnHost(PORT);

test.beforeAll(() => host.start());
test.afterAll(() => host.stop());

test('the Jupyter server restarting: the card says what is gone and keeps its points', async ({
  page
}) => {
  await startPlotNotebook(page, 'server.ipynb', openPlotterCode('server', 40));
  const card = chartCard(page, 'loss');
  await expect.poll(() => cardPoints(card)).toBe(40);

  // galata relays some of the page's API calls itself, which would fail the test while the
  // server is down: let the page talk to the server directly, as it does for users.
  await page.unrouteAll({ behavior: 'ignoreErrors' });
  await host.stop();
  await expect(card).toHaveAttribute('data-status', 'disconnected', { timeout: 30_000 });
  const problem = card.locator('.jp-AsyncPlotter-problem');
  await expect(problem).toHaveText(
    'Cannot reach the plot server (the Jupyter server does not answer); retrying',
    { timeout: 30_000 }
  );
  expect(await cardPoints(card), 'nothing kept is lost').toBe(40);
  await host.start();
  // The kernel (and its plot server) went with the old server: the card says so.
  await expect(problem).toHaveText(
    /^(Lost the link: the plot server went away \(kernel restarted or stopped\)|The Jupyter server refused to carry the link: .*port \d+.*)$/,
    { timeout: 60_000 }
  );
  expect(await cardPoints(card), 'nothing kept is lost').toBe(40);
  await expect(card).toBeVisible();
});
