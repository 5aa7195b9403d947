// The start of both hosts' bundles (JupyterLab and Notebook 7), as in JupyterLab's dev_mode: load
// every prebuilt (federated) extension listed by the server, let its container join the shared
// scope, and only then import the application, so that the shared-module negotiation sees every
// provider first. Nothing here may import a shared package (it would be consumed before the
// scope is complete).

/** Reads the page configuration written by jupyterlab_server into the page. */
function pageConfig() {
  const element = document.getElementById('jupyter-config-data');
  return element ? JSON.parse(element.textContent || '{}') : {};
}

/** Appends a script element and resolves once it has run. */
function loadScript(url) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.onerror = () => reject(new Error(`Failed to load the extension script ${url}`));
    script.onload = resolve;
    script.async = true;
    script.src = url;
    document.head.appendChild(script);
  });
}

/** Loads one federated extension's remoteEntry and initialises its container. */
async function loadFederatedExtension(baseUrl, { name, load }) {
  await loadScript(`${baseUrl.replace(/\/$/, '')}/${name}/${load}`);
  // eslint-disable-next-line no-undef
  await __webpack_init_sharing__('default');
  const container = window._JUPYTERLAB[name];
  if (!container) {
    throw new Error(`The extension ${name} did not register a module federation container`);
  }
  // eslint-disable-next-line no-undef
  await container.init(__webpack_share_scopes__.default);
}

/**
 * Loads the federated extensions, then the application module (`loadApp()`, a lazy import of a
 * module exporting `main`), and runs its `main` once the page has loaded.
 */
export async function boot(loadApp) {
  const config = pageConfig();
  // Chunks are served from the server's static URL for this app.
  // eslint-disable-next-line no-undef
  __webpack_public_path__ = `${config.fullStaticUrl}/`;
  const federated = config.federated_extensions || [];
  const results = await Promise.allSettled(
    federated.map(data => loadFederatedExtension(config.fullLabextensionsUrl, data))
  );
  results.forEach((result, index) => {
    if (result.status === 'rejected') {
      console.error(`Failed to load the extension ${federated[index].name}:`, result.reason);
    }
  });
  const { main } = await loadApp();
  const start = () =>
    main().catch(error => console.error('Failed to start the application:', error));
  if (document.readyState === 'complete') {
    await start();
  } else {
    window.addEventListener('load', start);
  }
}
