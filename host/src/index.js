// Assembles and starts JupyterLab from the built-in extension packages and the federated
// (prebuilt) extensions listed in the page configuration, as JupyterLab's dev_mode does.
import { PageConfig } from '@jupyterlab/coreutils';
import { PluginRegistry } from '@lumino/coreutils';

import builtinExtensions from 'host-generated/extensions.js';
import builtinMimeExtensions from 'host-generated/mime-extensions.js';
import 'host-generated/style.js';

// Galata's in-page helpers (the `index.js` path matters: `lib/extension` resolves to another file).
import galataPlugins from '@jupyterlab/galata/lib/extension/index.js';

import { collectPlugins } from './plugins.js';

/** The main entry point of the application. */
export async function main() {
  const { JupyterLab } = await import('@jupyterlab/application');
  const { IConnectionStatus } = await import('@jupyterlab/application/lib/tokens.js');
  const { IServiceManager } = await import('@jupyterlab/services/lib/tokens.js');

  const { plugins, mimeExtensions, collector } = await collectPlugins({
    extensions: builtinExtensions,
    mimeExtensions: builtinMimeExtensions,
    extra: galataPlugins,
    extraScope: '@jupyterlab/galata'
  });

  const pluginRegistry = new PluginRegistry();
  pluginRegistry.registerPlugins(plugins);
  // Fall back to the default service manager and connection status if no plugin provides them.
  const serviceManager = await pluginRegistry.resolveOptionalService(IServiceManager);
  const connectionStatus = await pluginRegistry.resolveOptionalService(IConnectionStatus);

  const patterns = list => list.map(pattern => pattern.raw);
  const lab = new JupyterLab({
    pluginRegistry,
    serviceManager,
    connectionStatus,
    mimeExtensions,
    disabled: { matches: collector.disabled, patterns: patterns(PageConfig.Extension.disabled) },
    deferred: { matches: collector.deferred, patterns: patterns(PageConfig.Extension.deferred) },
    availablePlugins: collector.available
  });
  // Galata drives the application through this global.
  window.jupyterapp = lab;
  await lab.start({ ignorePlugins: collector.deferred, bubblingKeydown: true });
}
