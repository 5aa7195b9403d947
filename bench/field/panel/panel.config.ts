// The panel part of the field benchmark (`npx playwright test -c bench/field/panel/panel.config.ts`,
// run by bench/field/run.ts).
import { panelBenchConfig } from '../../panel-bench-config';

export default panelBenchConfig(__dirname, 'bench-field');
