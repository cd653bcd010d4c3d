import { useMemo } from 'react';
import { indicatorByCode, INDICATORS } from '../../analysis/indicators/index.js';
import { monthRanges, qualitySummary, type CommuneQuality } from '../../analysis/ingest/index.js';
import { trendSpec } from '../../analysis/charts/trend.js';
import { CommuneTable } from '../components/CommuneTable.js';
import { LifeTableSection } from '../components/LifeTableSection.js';
import { Controls } from '../components/Controls.js';
import { chosenYear } from '../state/result-index.js';
import { flagText, formatInterval, formatValue, indicatorName, periodText, unitText } from '../components/indicator-format.js';
import { comparatorText, targetBasis, targetStatus } from '../components/target-status.js';
import { VegaChart } from '../components/VegaChart.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { formatNumber, type Lang } from '../i18n/format.js';
import { useViewText } from '../i18n/views-messages.js';
import { useCached, type ResultIndex } from '../state/results.js';
import { currentWorkspace, useSession } from '../state/session.js';
import { useSettings } from '../state/settings.js';
import { useTargets } from '../state/targets.js';

const INTERVALS: Record<string, Record<Lang, string>> = {
  poisson: { vi: 'Poisson chính xác', en: 'exact Poisson' },
  wilson: { vi: 'Wilson', en: 'Wilson' },
  srb_wilson: { vi: 'Wilson trên p = M / (M + F)', en: 'Wilson on p = M / (M + F)' },
  normal: { vi: 'Xấp xỉ chuẩn', en: 'normal approximation' },
  // The variance of e₀ (Chiang, Silcocks for the open age group), whatever the table's a₀/a₁.
  chiang: { vi: 'Sai số chuẩn của e₀ theo Chiang (Silcocks cho nhóm tuổi mở)', en: 'Chiang standard error of e₀ (Silcocks for the open age group)' },
  none: { vi: '—', en: '—' },
};

type UnitQuality = CommuneQuality & { communes_without_data: string[] };

/**
 * Quality notes of one commune, or of every commune summed for the province. Communes with
 * no data (no computed value: the admin list of 2025 names every commune of the province,
 * imported or not) are listed apart; the others' missing months are given as runs.
 */
function unitQuality(all: CommuneQuality[], unit: string, isProvince: boolean, years: number[], withData: ReadonlySet<string>): UnitQuality | null {
  // Registers carry historic dates; only months of the years shown matter here.
  const shown = (m: string) => years.includes(Number(m.slice(0, 4)));
  if (!isProvince) {
    const q = all.find((c) => c.commune_code === unit);
    return q ? { ...q, months_without_data: monthRanges(q.months_without_data.filter(shown)), communes_without_data: [] } : null;
  }
  if (all.length === 0) return null;
  const sum: UnitQuality = {
    commune_code: unit, commune_name: null, errors: 0, warnings: 0, rules: {}, months_without_data: [], silent: false, whipple: null, myers: null,
    communes_without_data: [],
  };
  for (const q of all) {
    sum.errors += q.errors;
    sum.warnings += q.warnings;
    for (const [k, n] of Object.entries(q.rules)) sum.rules[k] = (sum.rules[k] ?? 0) + n;
    const missing = new Set(q.months_without_data.filter(shown));
    if (!withData.has(q.commune_code)) sum.communes_without_data.push(q.commune_name ? `${q.commune_name} (${q.commune_code})` : q.commune_code);
    // One entry per commune, its months as runs: '02701: 2021-01–2021-06'.
    else if (missing.size > 0) sum.months_without_data.push(`${q.commune_code}: ${monthRanges([...missing]).join(', ')}`);
  }
  return sum;
}

/** One indicator: definition, this unit's value with numerator and denominator, communes, quality. */
export function IndicatorDetail({ index, onBack }: { index: ResultIndex; onBack?: () => void }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const session = useSession();
  const def = indicatorByCode(s.indicator) ?? INDICATORS[0]!;
  const unit = index.unit(s.unit);
  const code = unit?.code ?? '';
  const year = chosenYear(index, s.year);
  const r = index.get(def.code, code, year);
  const series = index.series(def.code, code);
  const { targets } = useTargets();
  const target = targetStatus(targets, series, def.code, code, year);
  const basis = target ? targetBasis(def, target, r?.period, lang, { latestData: tv('latestData'), yearlyAverage: tv('yearlyAverage') }) : '';
  const quality = useCached(`quality|${session.name}|${session.revision}`, () => qualitySummary(currentWorkspace().engine));
  const communesWithData = useMemo(() => new Set(index.communes.map((c) => c.code)), [index]);
  // A village's data come with its commune's files: the commune's quality notes, named as such.
  const qualityUnit = unit?.level === 'village' ? index.unit(unit.commune ?? null) : unit;
  const q = quality.status === 'ready' ? unitQuality(quality.value, qualityUnit?.code ?? '', qualityUnit?.level !== 'commune', index.years, communesWithData) : null;
  const name = indicatorName(def, lang);
  const spec = useMemo(
    () => trendSpec(series, { lang, title: `${name} — ${unit?.name ?? ''}`, unit: unitText(def, lang), decimals: def.decimals, target: target?.target }),
    [series, lang, name, unit?.name, def, target?.target],
  );
  return (
    <div data-testid="indicator-detail">
      {onBack && (
        // Focused on opening: the keyboard starts where the detail does.
        <button type="button" className="secondary" onClick={onBack} autoFocus>
          {tv('back')}
        </button>
      )}
      <Controls index={index} show={['indicator', 'unit', 'year']} />
      <div className="two-col">
        <div>
          <h3>{name}</h3>
          <dl className="facts">
            <dt>{tv('definition')}</dt>
            <dd>
              {indicatorName(def, lang)} ({def.code})
            </dd>
            <dt>{tv('formula')}</dt>
            <dd>{lang === 'vi' ? def.formulaVi : def.formula}</dd>
            <dt>{tv('unitOfMeasure')}</dt>
            <dd>{unitText(def, lang)}</dd>
            <dt>{tv('intervalMethod')}</dt>
            <dd>{INTERVALS[def.interval]?.[lang] ?? def.interval}</dd>
            {def.kind === 'life_table' && (
              <>
                <dt>{tv('lifeTable')}</dt>
                <dd data-testid="life-table-method">{tv(s.lifeTable === 'chiang2' ? 'lifeTableChiang' : 'lifeTableCd')}</dd>
              </>
            )}
            <dt>{tv('direction')}</dt>
            <dd>{tv(def.direction)}</dd>
          </dl>
          <h3>
            {unit?.name} · {r ? periodText(r.period) : year}
          </h3>
          <dl className="facts" data-testid="unit-value">
            <dt>{tv('value')}</dt>
            <dd>{formatValue(def, r?.value, lang)}</dd>
            <dt>{tv('interval')}</dt>
            <dd>{formatInterval(def, r, lang) || '—'}</dd>
            {/* A count is its own value (the average population's "denominator" is the number of
                years), and a change's two terms are the two periods' values: no fraction to show. */}
            {def.kind !== 'count' && def.kind !== 'change' && (
              <>
                <dt>{tv('numerator')}</dt>
                <dd>{formatNumber(r?.numerator, lang, Number.isInteger(r?.numerator ?? 0) ? 0 : 1)}</dd>
                <dt>{tv('denominator')}</dt>
                <dd>{formatNumber(r?.denominator, lang, Number.isInteger(r?.denominator ?? 0) ? 0 : 1)}</dd>
              </>
            )}
            <dt>{tv('events')}</dt>
            <dd>{formatNumber(r?.events, lang, 0)}</dd>
            {r?.flag && (
              <>
                <dt>{tv('flag')}</dt>
                <dd>{r.flag === 'unreliable' ? <span className="flag">⚠ {tv('fewEvents')}</span> : flagText(r, lang)}</dd>
              </>
            )}
            {target && (
              <>
                <dt>
                  {tv('target')} {target.year}
                </dt>
                <dd>
                  {comparatorText(target.comparator)} {formatNumber(target.target, lang, def.decimals)}{' '}
                  <span className={`status ${target.status}`}>{tv(target.status)}</span>
                  {basis && ` (${basis})`}{' '}
                  <span className="note">{target.source_text}</span>
                </dd>
              </>
            )}
          </dl>
        </div>
        <aside aria-labelledby="quality-title">
          <h3 id="quality-title">
            {tv('quality')}
            {qualityUnit !== unit && qualityUnit ? ` — ${qualityUnit.name}` : ''}
          </h3>
          {quality.status === 'loading' && <p className="note">…</p>}
          {quality.status === 'error' && <p className="error">{quality.error}</p>}
          {quality.status === 'ready' && !q && <p className="note">{tv('noQuality')}</p>}
          {q && (
            <dl className="facts" data-testid="quality-notes">
              <dt>{tv('errors')}</dt>
              <dd>{formatNumber(q.errors, lang)}</dd>
              <dt>{tv('warnings')}</dt>
              <dd>{formatNumber(q.warnings, lang)}</dd>
              {Object.entries(q.rules).map(([rule, n]) => (
                <FactRow key={rule} term={rule} value={formatNumber(n, lang)} />
              ))}
              {q.communes_without_data.length > 0 && (
                <>
                  <dt>{tv('communesWithoutData')}</dt>
                  <dd data-testid="communes-without-data">
                    {formatNumber(q.communes_without_data.length, lang)}: {q.communes_without_data.slice(0, 12).join(', ')}
                    {q.communes_without_data.length > 12 ? ' …' : ''}
                  </dd>
                </>
              )}
              <dt>{tv('monthsMissing')}</dt>
              <dd>{q.months_without_data.length === 0 ? '—' : q.months_without_data.slice(0, 12).join('; ') + (q.months_without_data.length > 12 ? ' …' : '')}</dd>
              {qualityUnit?.level === 'commune' && (
                <>
                  <dt>{tv('whipple')}</dt>
                  <dd>{formatNumber(q.whipple, lang, 1)}</dd>
                  <dt>{tv('myers')}</dt>
                  <dd>{formatNumber(q.myers, lang, 1)}</dd>
                </>
              )}
            </dl>
          )}
        </aside>
      </div>
      <VegaChart spec={spec} name={`${def.code}-${code}`} label={`${name}, ${unit?.name ?? ''}`} testId="detail-trend" />
      {def.kind === 'life_table' && unit && <LifeTableSection def={def} unit={unit} year={year} settings={s} />}
      <h3>{tv('byCommune')}</h3>
      <CommuneTable def={def} rows={index.communesAt(def.code, year)} fileName={`${def.code}-${r?.period ?? year}`} />
    </div>
  );
}

function FactRow({ term, value }: { term: string; value: string }) {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}

export function IndicatorDetailView() {
  const { tv } = useViewText();
  return <ViewFrame title={tv('navDetail')}>{(index) => <IndicatorDetail index={index} />}</ViewFrame>;
}
