// The line layer's modules as one script for a test page (bundled by line-layer-pixels.spec.ts).
export { planLineLayer } from '../../src/viewer/views/line-layer/line-layer-plan';
export { extentRows } from '../../src/viewer/views/line-layer/line-extents';
export { hideLineMarks } from '../../src/viewer/views/line-layer/hidden-line-marks';
export { LinePainter } from '../../src/viewer/views/line-layer/line-painter';
export { viewConfig, viewSpec } from '../../src/viewer/views/view-spec';
