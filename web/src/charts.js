// ECharts, with only the chart types and components the pages use (a smaller bundle than the whole library).
// Every chart a page draws is kept in window.dyadCharts under its name, so that the end-to-end test (and a
// curious user in the console) can read what was drawn; a page change disposes of them.
import * as echarts from 'echarts/core';
import { BarChart, LineChart, GraphChart, ScatterChart } from 'echarts/charts';
import {
  GridComponent, TooltipComponent, LegendComponent, GeoComponent, TitleComponent, DataZoomComponent,
  VisualMapComponent,
} from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([
  BarChart, LineChart, GraphChart, ScatterChart, GridComponent, TooltipComponent, LegendComponent, GeoComponent,
  TitleComponent, DataZoomComponent, VisualMapComponent, CanvasRenderer,
]);

export { echarts };

// The four QuadClasses, in CAMEO's order (1..4), with the colours every chart uses.
export const QUADS = [
  { key: 'verbal_cooperation', name: 'Verbal cooperation', color: '#74add1' },
  { key: 'material_cooperation', name: 'Material cooperation', color: '#1a5fa8' },
  { key: 'verbal_conflict', name: 'Verbal conflict', color: '#f4a259' },
  { key: 'material_conflict', name: 'Material conflict', color: '#c0392b' },
];

window.dyadCharts = {};

export function chart(name, element, option) {
  const instance = echarts.init(element, null, { renderer: 'canvas' });
  instance.setOption({ animation: false, ...option });
  window.dyadCharts[name] = instance;
  return instance;
}

export function disposeCharts() {
  for (const instance of Object.values(window.dyadCharts)) instance.dispose();
  window.dyadCharts = {};
}

window.addEventListener('resize', () => {
  for (const instance of Object.values(window.dyadCharts)) instance.resize();
});
