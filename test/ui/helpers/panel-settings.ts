import type { Page } from '@playwright/test';

/** The extension's settings plugin (schema/plugin.json). */
export const PLUGIN_ID = 'jupyterlab-async-plotter:plugin';

/** Sets one of the panel's settings through JupyterLab's setting registry. */
export async function setPanelSetting(
  page: Page,
  key: string,
  value: string | boolean | number | null
): Promise<void> {
  await page.evaluate(
    async ({ plugin, key, value }) => {
      const registry = await window.galata.getPlugin('@jupyterlab/apputils-extension:settings');
      if (!registry) {
        throw new Error('no setting registry');
      }
      await registry.set(plugin, key, value);
    },
    { plugin: PLUGIN_ID, key, value }
  );
}
