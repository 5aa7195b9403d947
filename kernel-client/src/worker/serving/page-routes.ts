/**
 * HTTP requests for the viewer page: `/` is the page, a few named files beside it are its
 * assets, everything else is not found. Request paths are matched as exact strings against
 * that fixed list, never decoded or joined to a directory, so no request reaches another file.
 * The token is not needed for these files (they hold no data, and a reload must work after the
 * page has taken the token out of its address); the data only flows over the socket, which
 * checks it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipped, pageAssets, type PageFile } from './page-assets.js';

const ROUTES: Record<string, PageFile> = {
  '/': 'index.html',
  '/index.html': 'index.html',
  '/viewer.js': 'viewer.js',
  '/viewer.css': 'viewer.css',
  '/favicon.svg': 'favicon.svg'
};

/**
 * What the page may do: load its own script, styles, icon and socket, nothing from elsewhere.
 * `'unsafe-eval'`: Vega compiles the expressions of a chart's spec into functions; the specs
 * come from the computation itself. Inline styles: vega-embed adds a style element.
 * No frame-ancestors: editors show local pages in a frame (VS Code's browser); the token guards.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self' 'unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'"
].join('; ');

const SECURITY_HEADERS = {
  'content-security-policy': CONTENT_SECURITY_POLICY,
  'x-content-type-options': 'nosniff',
  // The page's address may still hold the token when it loads its assets.
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin'
};

/** Whether `request` is for the page; if so it is answered. */
export function servePage(request: IncomingMessage, response: ServerResponse): boolean {
  const path = (request.url ?? '').split('?', 1)[0];
  const file = Object.hasOwn(ROUTES, path) ? ROUTES[path] : undefined;
  if (file === undefined || (request.method !== 'GET' && request.method !== 'HEAD')) {
    return false;
  }
  answer(request, response, file).catch(() => {
    if (response.headersSent) {
      response.destroy();
    } else {
      response.writeHead(500).end();
    }
  });
  return true;
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  file: PageFile
): Promise<void> {
  const assets = await pageAssets();
  const asset = assets?.get(file);
  if (!asset) {
    response
      .writeHead(503, { ...SECURITY_HEADERS, 'content-type': 'text/plain; charset=utf-8' })
      .end('async-plotter: this copy of the package was built without its viewer page.\n');
    return;
  }
  const accepts = /\bgzip\b/.test(String(request.headers['accept-encoding'] ?? ''));
  const body = accepts && asset.body.length > 1024 ? await gzipped(asset) : asset.body;
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'content-type': asset.type,
    'content-length': String(body.length),
    'cache-control': 'no-cache',
    vary: 'accept-encoding'
  };
  if (body !== asset.body) {
    headers['content-encoding'] = 'gzip';
  }
  response.writeHead(200, headers);
  response.end(request.method === 'HEAD' ? undefined : body);
}
