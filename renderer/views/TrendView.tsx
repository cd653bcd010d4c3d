import { useMemo } from 'react';
import { indicatorByCode, INDICATORS, subAnnual, type PeriodType } from '../../analysis/indicators/index.js';
import { trendSpec } from '../../analysis/charts/trend.js';
import { Controls } from '../components/Controls.js';
import { indicatorName, inLanguage, unitText } from '../components/indicator-format.js';
import { VegaChart } from '../components/VegaChart.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { useSubAnnualResults, type ResultIndex } from '../state/results.js';
import { useTargets } from '../state/targets.js';
import { pooledTarget, targetFor } from '../components/target-status.js';
import { useViewText } from '../i18n/views-messages.js';
import { updateSettings, useSettings } from '../state/settings.js';

const TITLE = { year: 'trendTitle', quarter: 'trendTitleQuarter', month: 'trendTitleMonth' } as const;

function Trend({ index }: { index: ResultIndex }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const def = indicatorByCode(s.indicator) ?? INDICATORS[0]!;
  const main = index.unit(s.unit);
  const codes = [main?.code ?? '', ...s.compare.filter((c) => c !== main?.code && index.unit(c)?.code === c)];
  // Quarters and months only for indicators made of flows; the others stay annual.
  const pt = subAnnual(def) ? s.trendPeriod : 'year';
  const sub = useSubAnnualResults(pt);
  const rows = pt === 'year' ? codes.flatMap((c) => index.series(def.code, c)) : sub.status === 'ready' ? codes.flatMap((c) => sub.value.series(def.code, c)) : [];
  const { targets } = useTargets();
  const annualTarget = pooledTarget(def, s.pool, targetFor(targets, def.code, main?.code, index.years[index.years.length - 1] ?? 0));
  // A count target is for the whole year: it means nothing beside a quarter's count.
  const target = pt !== 'year' && def.kind === 'count' ? undefined : annualTarget;
  const name = indicatorName(def, lang);
  const spec = useMemo(
    () => trendSpec(rows, { lang, title: `${name} ${tv(TITLE[pt])}`, unit: unitText(def, lang), decimals: def.decimals, target }),
    [index, sub, pt, def, lang, codes.join(','), target, name],
  );
  const all = [...(index.province ? [index.province] : []), ...index.communes];
  // Units with no value in any period are not drawn: say which, and why (the latest reason).
  const missing = codes
    .map((c) => ({ unit: index.unit(c), own: rows.filter((r) => r.unit_code === c) }))
    .filter(({ unit, own }) => unit && own.length > 0 && own.every((r) => r.value === null))
    .map(({ unit, own }) => ({ code: unit!.code, text: `${unit!.name}: ${inLanguage(own[own.length - 1]!.reason, lang) || tv('noValue')}` }));
  const toggle = (code: string, on: boolean) =>
    updateSettings({ compare: on ? [...s.compare, code] : s.compare.filter((c) => c !== code) });
  return (
    <>
      <Controls index={index} show={pt === 'year' ? ['indicator', 'unit', 'pool', 'lifeTable'] : ['indicator', 'unit']} />
      <div className="controls">
        <label htmlFor="trend-period">
          {tv('periodType')}
          <select id="trend-period" aria-label={tv('periodType')} value={s.trendPeriod} onChange={(e) => updateSettings({ trendPeriod: e.target.value as PeriodType })}>
            <option value="year">{tv('periodYear')}</option>
            <option value="quarter">{tv('periodQuarter')}</option>
            <option value="month">{tv('periodMonth')}</option>
          </select>
        </label>
      </div>
      {s.trendPeriod !== 'year' && pt === 'year' && <p className="note" role="status">{tv('annualOnly')}</p>}
      {target === undefined && annualTarget !== undefined && <p className="note">{tv('subAnnualTarget')}</p>}
      {sub.status === 'error' && <p className="error" role="alert">{sub.error}</p>}
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
      {missing.length > 0 && (
        <ul className="note" data-testid="trend-missing">
          {missing.map((m) => (
            <li key={m.code}>
              {tv('notDrawn')} — {m.text}
            </li>
          ))}
        </ul>
      )}
      <VegaChart spec={spec} name={`trend-${def.code}`} label={`${name}, ${codes.map((c) => index.unit(c)?.name).join(', ')}`} testId="trend-chart" />
      <p className="note">◇ {tv('fewEvents')}</p>
    </>
  );
}

export function TrendView() {
  const { tv } = useViewText();
  return <ViewFrame title={tv('navTrend')}>{(index) => <Trend index={index} />}</ViewFrame>;
}
