// Assembles and starts JupyterLab from the built-in extension packages and the federated
// (prebuilt) extensions listed in the page configuration, as JupyterLab's dev_mode does.
import { PageConfig } from '@jupyterlab/coreutils';
import { PluginRegistry } from '@lumino/coreutils';

import builtinExtensions from 'host-generated/extensions.js';
import builtinMimeExtensions from 'host-generated/mime-extensions.js';
import 'host-generated/style.js';

// Galata's in-page helpers (the `index.js` path matters: `lib/extension` resolves to another file).
import galataPlugins from '@jupyterlab/galata/lib/extension/index.js';

/** Instantiates an exposed module (`./extension`, `./mimeExtension`, `./style`) of a federated extension. */
async function federatedModule(scope, module) {
  try {
    const factory = await window._JUPYTERLAB[scope].get(module);
    return { scope, module: factory() };
  } catch (error) {
    console.warn(`Failed to create the module ${module} of the extension ${scope}`);
    throw error;
  }
}

/** Collects plugins, honouring the disabled and deferred extensions of the page configuration. */
class PluginCollector {
  constructor() {
    this.disabled = [];
    this.deferred = [];
    this.available = [];
  }

  /** The enabled plugins of an extension module (ES module default export or CommonJS). */
  *activePlugins(extension, scope) {
    const exported = Object.prototype.hasOwnProperty.call(extension, '__esModule')
      ? extension.default
      : extension;
    const plugins = Array.isArray(exported) ? exported : [exported];
    for (const plugin of plugins) {
      const isDisabled = PageConfig.Extension.isDisabled(plugin.id);
      this.available.push({
        id: plugin.id,
        description: plugin.description,
        requires: plugin.requires ?? [],
        optional: plugin.optional ?? [],
        provides: plugin.provides ?? null,
        autoStart: plugin.autoStart,
        enabled: !isDisabled,
        extension: scope
      });
      if (isDisabled) {
        this.disabled.push(plugin.id);
        continue;
      }
      if (PageConfig.Extension.isDeferred(plugin.id)) {
        this.deferred.push(plugin.id);
      }
      yield plugin;
    }
  }

  /** The enabled plugins of the built-in packages not overridden by a federated extension. */
  async builtin(table, federatedNames) {
    const plugins = [];
    for (const [name, load] of Object.entries(table)) {
      if (federatedNames.has(name)) {
        continue;
      }
      try {
        plugins.push(...this.activePlugins(await load(), name));
      } catch (error) {
        console.error(`Failed to load the built-in extension ${name}:`, error);
      }
    }
    return plugins;
  }

  /** The enabled plugins of federated modules, logging the ones that failed to load. */
  async federated(promises) {
    const plugins = [];
    for (const result of await Promise.allSettled(promises)) {
      if (result.status === 'fulfilled') {
        plugins.push(...this.activePlugins(result.value.module, result.value.scope));
      } else {
        console.error(result.reason);
      }
    }
    return plugins;
  }
}

/** The main entry point of the application. */
export async function main() {
  const { JupyterLab } = await import('@jupyterlab/application');
  const { IConnectionStatus } = await import('@jupyterlab/application/lib/tokens.js');
  const { IServiceManager } = await import('@jupyterlab/services/lib/tokens.js');

  const federatedData = JSON.parse(PageConfig.getOption('federated_extensions') || '[]');
  const federatedNames = new Set();
  const extensionPromises = [];
  const mimeExtensionPromises = [];
  const stylePromises = [];
  for (const data of federatedData) {
    if (data.extension) {
      federatedNames.add(data.name);
      extensionPromises.push(federatedModule(data.name, data.extension));
    }
    if (data.mimeExtension) {
      federatedNames.add(data.name);
      mimeExtensionPromises.push(federatedModule(data.name, data.mimeExtension));
    }
    if (data.style && !PageConfig.Extension.isDisabled(data.name)) {
      stylePromises.push(federatedModule(data.name, data.style));
    }
  }

  const collector = new PluginCollector();
  const mimeExtensions = [
    ...(await collector.builtin(builtinMimeExtensions, federatedNames)),
    ...(await collector.federated(mimeExtensionPromises))
  ];
  const plugins = [
    ...(await collector.builtin(builtinExtensions, federatedNames)),
    ...(await collector.federated(extensionPromises)),
    ...collector.activePlugins(galataPlugins, '@jupyterlab/galata')
  ];
  for (const result of await Promise.allSettled(stylePromises)) {
    if (result.status === 'rejected') {
      console.error(result.reason);
    }
  }

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
