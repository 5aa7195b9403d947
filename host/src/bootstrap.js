// Entry point of the JupyterLab host bundle: the federated extensions first, then the app.
import { boot } from './boot.js';

void boot(() => import('./index.js'));
