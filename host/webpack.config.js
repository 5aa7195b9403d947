// Builds the JupyterLab host: a Module Federation "core" bundle (like JupyterLab's own dev_mode)
// that shares the packages listed in package.json `resolutions`, so that prebuilt extensions made
// by `build-labextension --core-path host` load into it. Output: build/static (scripts),
// build/schemas and build/themes (assembled from the extension packages), served by jupyter_server.
const path = require('path');
const { Build } = require('@jupyterlab/builder');
const {
  coreBundleConfig,
  extensionEntries,
  sharedScope,
  writeGenerated
} = require('./core-bundle');

const packageData = require('./package.json');
const buildDir = path.resolve(__dirname, 'build');
const generatedDir = path.join(buildDir, 'generated');
const { extensions, mimeExtensions, singletonPackages } = packageData.jupyterlab;

const origin = 'host/webpack.config.js from package.json';
writeGenerated(
  generatedDir,
  'extensions.js',
  `export default ${extensionEntries(extensions)};\n`,
  `${origin} "jupyterlab.extensions"`
);
writeGenerated(
  generatedDir,
  'mime-extensions.js',
  `export default ${extensionEntries(mimeExtensions)};\n`,
  `${origin} "jupyterlab.mimeExtensions"`
);

// Copies each extension's settings schemas to build/schemas, writes build/generated/style.js (the
// CSS of every extension) and returns the webpack configurations that build build/themes.
const themeConfigs = Build.ensureAssets({
  packageNames: [...Object.keys(extensions), ...Object.keys(mimeExtensions)],
  output: generatedDir,
  schemaOutput: buildDir,
  themeOutput: buildDir
});

const hostConfig = coreBundleConfig({
  entry: path.resolve(__dirname, 'src/bootstrap.js'),
  staticDir: path.join(buildDir, 'static'),
  generatedDir,
  shared: sharedScope(packageData.resolutions, singletonPackages, __dirname)
});

module.exports = [hostConfig, ...themeConfigs];
