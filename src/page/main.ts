/**
 * Entry of the standalone viewer page that every plot server serves at its own address: reads
 * the token the link carries, then shows the plotter's live charts with the viewer core the
 * JupyterLab panel uses.
 */
import { Widget } from '@lumino/widgets';
import { PROTOCOL_VERSION } from 'async-plotter/protocol';
import { englishTranslation } from '../viewer/translation';
import { ColorScheme } from './color-scheme';
import { FrameRate } from './frame-rate';
import { PageModel } from './page-model';
import { takeToken } from './page-token';
import { messagePage, ViewerPage } from './viewer-page';

/**
 * Rows the page keeps of a chart drawn from every row (bars, aggregates): the panel's default
 * `rowLimit` setting. Line, area and point charts come decimated whatever their size.
 */
const ROW_LIMIT = 100_000;

function storage(kind: 'sessionStorage' | 'localStorage'): Storage | null {
  try {
    return window[kind];
  } catch {
    return null;
  }
}

function start(): void {
  const trans = englishTranslation;
  const token = takeToken(location, history, storage('sessionStorage'));
  if (!token) {
    Widget.attach(
      messagePage(
        'Async Plotter',
        trans.__(
          "This page needs the token of the plots. Open the link the script printed (it ends in ?token=…), or the plotter's viewerUrl in the notebook (notebook outputs do not keep the token)."
        )
      ),
      document.body
    );
    return;
  }
  const handle = {
    version: PROTOCOL_VERSION,
    id: 'page',
    title: '',
    url: location.origin,
    token,
    rate: 0,
    inline: false
  };
  const scheme = new ColorScheme();
  const frameRate = new FrameRate(storage('localStorage'));
  const page = new ViewerPage({
    model: new PageModel('page', handle, ROW_LIMIT),
    scheme,
    frameRate,
    trans,
    location
  });
  Widget.attach(page, document.body);
  window.addEventListener('pagehide', () => {
    page.dispose();
    scheme.dispose();
    frameRate.dispose();
  });
  // Back from the browser's page cache: the link was closed on leaving, start afresh.
  window.addEventListener('pageshow', event => {
    if (event.persisted) {
      location.reload();
    }
  });
}

start();
