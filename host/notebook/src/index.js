// Assembles and starts Jupyter Notebook 7 from the built-in extension packages of the current
// page (the page configuration's `notebookPage`: tree, notebooks, edit, consoles) and the
// federated (prebuilt) extensions, as Notebook's own app does.
import { PageConfig } from '@jupyterlab/coreutils';
import { PluginRegistry } from '@lumino/coreutils';

import pages from 'host-generated/pages.js';
import builtinMimeExtensions from 'host-generated/mime-extensions.js';
import 'host-generated/style.js';

import { collectPlugins } from '../../src/plugins.js';

/** The main entry point of the application. */
export async function main() {
  const { NotebookApp } = await import('@jupyter-notebook/application');
  const { IServiceManager } = await import('@jupyterlab/services');

  const page = `/${PageConfig.getOption('notebookPage')}`;
  const { plugins, mimeExtensions, collector } = await collectPlugins({
    extensions: [...pages['/'], ...(page !== '/' ? (pages[page] ?? []) : [])],
    mimeExtensions: builtinMimeExtensions
  });
  // Every page's plugins, so that the settings editor lists those of the other pages too.
  PageConfig.setOption(
    'allPlugins',
    JSON.stringify(
      Object.fromEntries(
        Object.entries(pages).map(([name, entries]) => [
          name,
          Object.fromEntries(entries.map(entry => [entry.name, entry.only ?? true]))
        ])
      )
    )
  );

  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  const serviceManager = await pluginRegistry.resolveRequiredService(IServiceManager);
  const app = new NotebookApp({
    pluginRegistry,
    serviceManager,
    mimeExtensions,
    availablePlugins: collector.available
  });
  // The tests and the console reach the application through this global.
  window.jupyterapp = app;
  await app.start();
}
