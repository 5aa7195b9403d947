// The panel part of the dashboard benchmark (`npx playwright test -c bench/dashboard/panel/panel.config.ts`,
// run by bench/dashboard/run.ts).
import { panelBenchConfig } from '../../panel-bench-config';

export default panelBenchConfig(__dirname, 'bench-dashboard');
