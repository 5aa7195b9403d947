// Entry point of the Notebook 7 host bundle: the federated extensions first, then the app.
import { boot } from '../../src/boot.js';

void boot(() => import('./index.js'));
