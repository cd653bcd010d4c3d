import { useMemo, useRef, useState } from 'react';
import type { TopLevelSpec } from 'vega-lite';
import { indicatorByCode, INDICATORS, type IndicatorDef } from '../../analysis/indicators/index.js';
import { rankedDotsSpec } from '../../analysis/charts/ranked-dots.js';
import { classifyFunnel, funnelSpec, type FunnelModel } from '../../analysis/charts/funnel.js';
import { choroplethSpec, type Boundaries } from '../../analysis/charts/choropleth.js';
import { BOUNDARIES_FILE, parseBoundaries } from '../../analysis/charts/boundaries.js';
import { CommuneTable } from '../components/CommuneTable.js';
import { Controls } from '../components/Controls.js';
import { chosenYear } from '../state/result-index.js';
import { asSmoothed, indicatorName, periodText, smoothedAllEqual, unitText } from '../components/indicator-format.js';
import { VegaChart } from '../components/VegaChart.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { useViewText } from '../i18n/views-messages.js';
import { useCached, type ResultIndex } from '../state/results.js';
import { useTargets } from '../state/targets.js';
import { platform } from '../platform/index.js';
import { pooledTarget, targetFor } from '../components/target-status.js';
import { currentWorkspace, useSession } from '../state/session.js';
import { useSettings } from '../state/settings.js';

/** How the funnel's limits depend on size, or null when a funnel does not apply. */
function funnelModel(def: IndicatorDef): FunnelModel | null {
  if (def.code === 'srb') return { kind: 'sex_ratio' };
  if (def.kind === 'proportion') return { kind: 'proportion' };
  if (def.kind === 'rate') return { kind: 'rate', scale: def.scale ?? 1000 };
  return null;
}

async function readBoundaries(): Promise<Boundaries | null> {
  const bytes = await currentWorkspace().store.read(BOUNDARIES_FILE);
  return bytes ? parseBoundaries(new TextDecoder().decode(bytes)) : null;
}

const BOUNDARY_FILTERS = [{ name: 'GeoJSON / TopoJSON', extensions: ['json', 'geojson', 'topojson'] }];

function Variation({ index }: { index: ResultIndex }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const session = useSession();
  const [loads, setLoads] = useState(0);
  const [loadError, setLoadError] = useState<string | null>(null);
  const def = indicatorByCode(s.indicator) ?? INDICATORS[0]!;
  const year = chosenYear(index, s.year);
  const raw = index.communesAt(def.code, year);
  const rows = useMemo(() => (s.smooth ? asSmoothed(raw) : raw), [raw, s.smooth]);
  const province = index.province ? index.get(def.code, index.province.code, year) : undefined;
  const { targets } = useTargets();
  // A count's province total and target are not on the communes' scale (the province's
  // 94.323 new acceptors beside communes' 43–194): lines only for rates, shares and ratios.
  const onCommuneScale = def.kind !== 'count';
  const target = onCommuneScale ? pooledTarget(def, s.pool, targetFor(targets, def.code, index.province?.code, year)) : undefined;
  const reference = onCommuneScale ? province?.value : undefined;
  const name = indicatorName(def, lang);
  const unit = unitText(def, lang);
  const model = funnelModel(def);
  const period = province?.period ?? String(year);
  const shown = periodText(period);
  const rankedTitle = tv(s.smooth ? 'rankedTitleSmoothed' : 'rankedTitle');
  // Smoothed values only where the indicator has them (not e₀, counts or stock ratios): no empty column, no '-eb' file.
  const smoothed = s.smooth && raw.some((r) => r.smoothed != null);
  const ranked = useMemo(
    () => rankedDotsSpec(rows, { lang, title: `${name}, ${shown} — ${rankedTitle}`, unit, decimals: def.decimals, reference, target }),
    [rows, lang, name, shown, unit, def, reference, target, rankedTitle],
  );
  const centre = province?.value ?? null;
  // Funnel limits describe sampling variation of raw values, so the funnel always plots them.
  const funnel = useMemo(
    () => (model && centre !== null ? funnelSpec(raw, { lang, title: `${tv('funnelTitle')}: ${name}, ${shown}`, unit, decimals: def.decimals, model, centre }) : null),
    [raw, model, centre, lang, name, shown, unit, def, tv],
  );
  const lastFunnel = useRef<TopLevelSpec | null>(null);
  if (funnel) lastFunnel.current = funnel;
  const shownFunnel = funnel ?? lastFunnel.current;
  const outside = model && centre !== null ? classifyFunnel(raw, centre, model) : [];
  const boundaries = useCached(`boundaries|${session.name}|${session.revision}|${loads}`, readBoundaries);
  const map = useMemo(
    () => (boundaries.status === 'ready' && boundaries.value ? choroplethSpec(boundaries.value, rows, { lang, title: `${name}, ${shown}`, unit, decimals: def.decimals }) : null),
    [boundaries, rows, lang, name, shown, unit, def],
  );

  // The platform's file dialog (the desktop's own, or the page's), so the button speaks the UI's language.
  const chooseBoundaries = async () => {
    try {
      const [file] = await platform.chooseFiles({ multiple: false, filters: BOUNDARY_FILTERS });
      if (!file) return;
      const text = new TextDecoder().decode(await platform.readFile(file.id));
      parseBoundaries(text);
      await currentWorkspace().store.write(BOUNDARIES_FILE, new TextEncoder().encode(text));
      setLoadError(null);
      setLoads((n) => n + 1);
    } catch (e) {
      setLoadError(`${tv('badBoundaries')}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };

  return (
    <>
      <Controls index={index} show={['indicator', 'year', 'pool', 'smooth']} />
      {s.smooth && raw.length > 0 && raw.every((r) => r.smoothed == null) && (
        <p className="note" data-testid="not-smoothed">
          {tv('notSmoothed')}
        </p>
      )}
      {smoothed && smoothedAllEqual(raw) && (
        <p className="note" data-testid="smoothed-equal">
          {tv('smoothedEqual')}
        </p>
      )}
      <div className="charts-row">
        <VegaChart spec={ranked} name={`ranked-${def.code}-${year}`} label={`${name}: ${rankedTitle}`} testId="ranked-chart" />
        <div>
          {/* Kept (hidden) while an indicator has no funnel, so the next one updates it. */}
          {shownFunnel && (
            <div hidden={!funnel}>
              <VegaChart spec={shownFunnel} name={`funnel-${def.code}-${year}`} label={`${tv('funnelTitle')}: ${name}`} testId="funnel-chart" />
            </div>
          )}
          {funnel ? (
            <>
              <h3>{tv('funnelOutside')}</h3>
              <ul className="outside-list" data-testid="funnel-outside">
                {outside.filter((u) => u.position === 'above' || u.position === 'below').map((u) => (
                  <li key={u.unit_code}>
                    {u.unit_name} ({u.position === 'above' ? '▲' : '▼'})
                  </li>
                ))}
                {outside.every((u) => u.position !== 'above' && u.position !== 'below') && <li>{tv('none')}</li>}
              </ul>
              <p className="note">
                {tv('funnelWarn')}: {outside.filter((u) => u.position === 'warn').map((u) => u.unit_name).join(', ') || tv('none')}
              </p>
            </>
          ) : (
            <p className="note">{tv('noFunnel')}</p>
          )}
        </div>
      </div>
      <p className="note">◇ {tv('fewEvents')}</p>
      <h3>{tv('map')}</h3>
      <button type="button" className="secondary no-print" onClick={() => void chooseBoundaries()}>
        {tv('loadBoundaries')}
      </button>
      {loadError && <p className="error">{loadError}</p>}
      {boundaries.status === 'error' && <p className="error">{boundaries.error}</p>}
      {map ? (
        <VegaChart spec={map} name={`map-${def.code}-${year}`} label={`${tv('map')}: ${name}`} testId="choropleth" />
      ) : (
        boundaries.status === 'ready' && <p className="note">{tv('noBoundaries')}</p>
      )}
      <h3>{tv('byCommune')}</h3>
      {/* Raw values with their intervals, and the smoothed ones beside them (the charts show the smoothed). */}
      <CommuneTable def={def} rows={raw} smoothed={smoothed} fileName={`${def.code}-${period}${smoothed ? '-eb' : ''}`} />
    </>
  );
}

export function VariationView() {
  const { tv } = useViewText();
  return <ViewFrame title={tv('navVariation')}>{(index) => <Variation index={index} />}</ViewFrame>;
}
