// The parts of Apache ECharts the workbench draws with, registered once: line and bar charts, the
// grid, tooltip, legend and mark-line components and the canvas renderer. Loaded on demand by
// components/charts.tsx (a separate chunk), so pages without charts never download it.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, MarkLineComponent, CanvasRenderer]);

export const init = echarts.init;
