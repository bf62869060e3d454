import { Alert, Spin } from 'antd';
import type { EChartsOption } from 'echarts';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './charts.css';

type EChartProps = {
  option: EChartsOption;
  height: number;
  testId: string;
  /** Read by the browser journeys and screen readers; the canvas itself says nothing. */
  ariaLabel: string;
};

type ChartInstance = {
  setOption: (option: EChartsOption, opts: { notMerge: boolean }) => void;
  resize: () => void;
  dispose: () => void;
};

/**
 * One ECharts canvas. ECharts and the world outline are imported on first use, so pages without a
 * chart never download them; the chart follows its container's width (phone or desktop). Shared by
 * the logistics and statistics pages.
 */
export const EChart = ({ option, height, testId, ariaLabel }: EChartProps) => {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<ChartInstance | null>(null);
  const [state, setState] = useState<'loading' | 'ready' | 'failed'>('loading');

  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    import('./echarts-setup.ts')
      .then(({ echarts }) => {
        if (disposed || host.current === null) {
          return;
        }
        const instance = echarts.init(host.current, undefined, { renderer: 'canvas' });
        chart.current = instance;
        observer = new ResizeObserver(() => instance.resize());
        observer.observe(host.current);
        setState('ready');
      })
      .catch(() => {
        if (!disposed) {
          setState('failed');
        }
      });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (state === 'ready') {
      chart.current?.setOption(option, { notMerge: true });
    }
  }, [option, state]);

  return (
    <div className="echart-frame" data-testid={testId} data-state={state}>
      {state === 'failed' ? <Alert type="warning" showIcon title={t('logistics.chartFailed')} /> : null}
      <Spin spinning={state === 'loading'}>
        <div ref={host} role="img" aria-label={ariaLabel} className="echart-host" style={{ height }} />
      </Spin>
    </div>
  );
};
