// echarts (loaded on first use by ui.chart, so the first page load does not wait for it),
// tree-shaken to the chart kinds and components the console's pages use, drawn with
// the SVG renderer (crisp at any zoom, and the drawn text is in the DOM, so browser tests can
// read what a chart shows). A page that needs another chart kind adds it here.
import * as echarts from 'echarts/core';
import {
  BarChart,
  GaugeChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
} from 'echarts/charts';
import {
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
} from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([
  BarChart,
  GaugeChart,
  GraphChart,
  HeatmapChart,
  LineChart,
  PieChart,
  ScatterChart,
  DatasetComponent,
  DataZoomComponent,
  GridComponent,
  LegendComponent,
  MarkLineComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  SVGRenderer,
]);

export { echarts };

// Draws `option` into el; the chart follows el's size (window resizes, nav collapsing).
// Returns the echarts instance; `track(dispose)` registers its cleanup with the page.
export function drawChart(el, option, track) {
  const instance = echarts.init(el, null, { renderer: 'svg' });
  instance.setOption(option);
  const observer = new ResizeObserver(() => instance.resize());
  observer.observe(el);
  track(() => {
    observer.disconnect();
    instance.dispose();
  });
  return instance;
}
