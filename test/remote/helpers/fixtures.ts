import { expect, test as galata } from '@jupyterlab/galata';
import type { APIRequestContext } from '@playwright/test';
import { basename } from 'node:path';

/**
 * galata's `test`, with its server folder per test (`tmpPath`) made under the server's base
 * URL: galata's own asks for `/api/contents/…` from the server's origin, which misses a prefix
 * such as JupyterHub's `/user/alice/`.
 */
export const test = galata.extend({
  tmpPath: async ({ request, baseURL }, use, testInfo) => {
    const folder = basename(testInfo.outputDir).replace(/-retry\d+$/i, '');
    const contents = `${baseURL ?? ''}/api/contents`;
    await removeFolder(request, contents, folder);
    const made = await request.put(`${contents}/${encodeURIComponent(folder)}`, {
      data: { type: 'directory' }
    });
    expect(made.status(), `the test's folder ${folder} on the server`).toBe(201);
    await use(folder);
    await removeFolder(request, contents, folder);
  }
});

/** Deletes a folder of the server and everything in it (Jupyter deletes empty folders only). */
async function removeFolder(
  request: APIRequestContext,
  contents: string,
  folder: string
): Promise<void> {
  const address = (path: string) =>
    `${contents}/${path.split('/').map(encodeURIComponent).join('/')}`;
  const listing = await request.get(`${address(folder)}?content=1`);
  if (listing.status() !== 200) {
    return;
  }
  const model = (await listing.json()) as { content: { path: string; type: string }[] };
  for (const item of model.content) {
    if (item.type === 'directory') {
      await removeFolder(request, contents, item.path);
    } else {
      await request.delete(address(item.path));
    }
  }
  await request.delete(address(folder));
}
