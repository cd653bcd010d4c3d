import { useMemo } from 'react';
import { indicatorByCode, INDICATORS } from '../../analysis/indicators/index.js';
import { trendSpec } from '../../analysis/charts/trend.js';
import { Controls } from '../components/Controls.js';
import { indicatorName, unitText } from '../components/indicator-format.js';
import { VegaChart } from '../components/VegaChart.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { TARGETS, type ResultIndex } from '../state/results.js';
import { useViewText } from '../i18n/views-messages.js';
import { updateSettings, useSettings } from '../state/settings.js';

function Trend({ index }: { index: ResultIndex }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const def = indicatorByCode(s.indicator) ?? INDICATORS[0]!;
  const main = index.unit(s.unit);
  const codes = [main?.code ?? '', ...s.compare.filter((c) => c !== main?.code && index.unit(c)?.code === c)];
  const rows = codes.flatMap((c) => index.series(def.code, c));
  const target = TARGETS.find((t) => t.indicator === def.code && t.unit_code === main?.code)?.target;
  const name = indicatorName(def, lang);
  const spec = useMemo(
    () => trendSpec(rows, { lang, title: `${name} ${tv('trendTitle')}`, unit: unitText(def, lang), decimals: def.decimals, target }),
    [index, def, lang, codes.join(','), target, name],
  );
  const all = [...(index.province ? [index.province] : []), ...index.communes];
  const toggle = (code: string, on: boolean) =>
    updateSettings({ compare: on ? [...s.compare, code] : s.compare.filter((c) => c !== code) });
  return (
    <>
      <Controls index={index} show={['indicator', 'unit', 'pool', 'lifeTable']} />
      <fieldset className="compare-list">
        <legend>{tv('compareWith')}</legend>
        {all
          .filter((u) => u.code !== main?.code)
          .map((u) => (
            <label key={u.code}>
              <input type="checkbox" checked={s.compare.includes(u.code)} onChange={(e) => toggle(u.code, e.target.checked)} />
              {u.name}
            </label>
          ))}
      </fieldset>
      <VegaChart spec={spec} name={`trend-${def.code}`} label={`${name}, ${codes.map((c) => index.unit(c)?.name).join(', ')}`} testId="trend-chart" />
      <p className="note">◇ {tv('fewEvents')}</p>
    </>
  );
}

export function TrendView() {
  const { tv } = useViewText();
  return <ViewFrame title={tv('navTrend')}>{(index) => <Trend index={index} />}</ViewFrame>;
}
