import { useEffect, useRef, useState } from 'react';
import { INDICATORS, type IndicatorDef } from '../../analysis/indicators/index.js';
import { Controls } from '../components/Controls.js';
import { chosenYear } from '../state/result-index.js';
import { changeUnitText, flagText, formatInterval, formatSigned, formatValue, indicatorName, periodText, unitText } from '../components/indicator-format.js';
import { Sparkline } from '../components/Sparkline.js';
import { comparatorText, targetBasis, targetStatus } from '../components/target-status.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { formatNumber } from '../i18n/format.js';
import { useViewText } from '../i18n/views-messages.js';
import { endYear, type ResultIndex } from '../state/results.js';
import { getSettings, updateSettings, useSettings } from '../state/settings.js';
import { useTargets } from '../state/targets.js';
import { TargetsControl } from '../components/TargetsControl.js';
import { IndicatorDetail } from './IndicatorDetailView.js';

/** Age-specific rates live in the TFR's detail; the dashboard shows the plan's headline set. */
const CARD_INDICATORS = INDICATORS.filter((d) => !d.code.startsWith('asfr_'));

function Card({ def, index, unit, year, pool }: { def: IndicatorDef; index: ResultIndex; unit: string; year: number; pool: number }) {
  const { lang, tv } = useViewText();
  const r = index.get(def.code, unit, year);
  // The period before: the previous year, or the window of `pool` years before this one (not
  // overlapping it, as srb_change and cbr_change are computed).
  const prev = index.get(def.code, unit, year - pool);
  const series = index.series(def.code, unit);
  const { targets } = useTargets();
  const target = targetStatus(targets, series, def.code, unit, year);
  const name = indicatorName(def, lang);
  const change = r?.value != null && prev?.value != null && def.kind !== 'change' ? r.value - prev.value : null;
  const ci = formatInterval(def, r, lang);
  const shown = def.kind === 'change' && r?.value != null ? `${formatSigned(r.value, lang, def.decimals)} ${unitText(def, lang)}` : formatValue(def, r?.value, lang);
  const changeUnit = changeUnitText(def, lang);
  const changeText = change === null ? '' : `${pool > 1 ? `${tv('changeFrom')} ${prev ? periodText(prev.period) : ''}` : tv('change')}: ${formatSigned(change, lang, def.decimals)} ${changeUnit}`;
  const basis = target ? targetBasis(def, target, r?.period, lang, { latestData: tv('latestData'), yearlyAverage: tv('yearlyAverage') }) : '';
  // What the card shows, read out in one sentence (a screen reader hears the label only).
  const spoken = [
    `${name}: ${shown}`,
    ci && `${tv('interval')} ${ci}`,
    changeText,
    r?.flag === 'unreliable' && tv('fewEvents'),
    flagText(r, lang),
    target && `${tv('target')} ${target.year} ${comparatorText(target.comparator)} ${formatNumber(target.target, lang, def.decimals)}: ${tv(target.status)}${basis ? ` (${basis})` : ''}`,
    tv('openDetail'),
  ].filter(Boolean);
  return (
    <button
      type="button"
      className="card"
      data-testid={`card-${def.code}`}
      aria-label={spoken.join('. ')}
      onClick={() => updateSettings({ indicator: def.code })}
      data-open={def.code}
    >
      <span className="name">{name}</span>
      <span className="value" data-testid="value">
        {shown}
      </span>
      {ci && (
        <span className="ci" data-testid="interval">
          {tv('interval')}: {ci}
        </span>
      )}
      {r?.flag === 'unreliable' && <span className="flag">⚠ {tv('fewEvents')}</span>}
      {flagText(r, lang) && <span className="reason">{flagText(r, lang)}</span>}
      {changeText && <span className="change">{changeText}</span>}
      {target && (
        <span className="target" data-testid="target">
          {tv('target')} {target.year}: {comparatorText(target.comparator)} {formatNumber(target.target, lang, def.decimals)}
          <span className={`status ${target.status}`} data-status={target.status}>
            {tv(target.status)}
          </span>
          {basis && <span className="reason">({basis})</span>}
        </span>
      )}
      <Sparkline values={series.map((s) => s.value)} label={`${name}, ${series.map((s) => endYear(s.period)).join('–')}`} />
    </button>
  );
}

export function DashboardView() {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const [detail, setDetail] = useState(false);
  // Back from the detail, the keyboard focus returns to the card of the indicator it showed
  // last (the one that opened it, unless another was chosen there), else to the first card.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (detail) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      (document.querySelector<HTMLElement>(`[data-open="${getSettings().indicator}"]`) ?? document.querySelector<HTMLElement>('[data-open]'))?.focus();
    }
  }, [detail]);
  return (
    <ViewFrame title={tv('navDashboard')}>
      {(index) => {
        const unit = index.unit(s.unit);
        const year = chosenYear(index, s.year);
        if (detail) return <IndicatorDetail index={index} onBack={() => setDetail(false)} />;
        return (
          <>
            <Controls index={index} show={['unit', 'year', 'pool', 'lifeTable']} />
            <TargetsControl />
            <p className="note">
              {unit?.name} · {s.pool > 1 ? `${year - s.pool + 1}–${year}` : year} · {lang === 'vi' ? 'Bấm vào thẻ để xem chi tiết.' : 'Press a card for its detail.'}
            </p>
            <div className="cards" onClick={(e) => (e.target as HTMLElement).closest('[data-open]') && setDetail(true)}>
              {CARD_INDICATORS.map((def) => (
                <Card key={def.code} def={def} index={index} unit={unit?.code ?? ''} year={year} pool={s.pool} />
              ))}
            </div>
          </>
        );
      }}
    </ViewFrame>
  );
}
