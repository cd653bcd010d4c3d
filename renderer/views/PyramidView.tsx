import { useId, useMemo, useState } from 'react';
import { pyramidSpec } from '../../analysis/charts/pyramid.js';
import { pyramidRows, unitAgeHeaping } from '../../analysis/charts/view-data.js';
import { Controls } from '../components/Controls.js';
import { chosenYear } from '../state/result-index.js';
import { VegaChart } from '../components/VegaChart.js';
import { ViewFrame } from '../components/ViewFrame.js';
import { formatNumber } from '../i18n/format.js';
import { useViewText } from '../i18n/views-messages.js';
import { useCached, type ResultIndex } from '../state/results.js';
import { currentWorkspace, useSession } from '../state/session.js';
import { useSettings } from '../state/settings.js';

function Pyramid({ index }: { index: ResultIndex }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const session = useSession();
  const id = useId();
  const unit = index.unit(s.unit);
  const code = unit?.code ?? '';
  const year = chosenYear(index, s.year);
  const [overlay, setOverlay] = useState<'none' | 'year' | 'unit'>('none');
  const [otherYear, setOtherYear] = useState<number>(index.years[0] ?? year);
  const [otherUnit, setOtherUnit] = useState<string>(index.province?.code ?? '');
  const ws = `${session.name}|${session.revision}`;
  const main = useCached(`pyramid|${ws}|${code}|${year}`, () => pyramidRows(currentWorkspace().engine, code, year, unit?.level ?? 'province'));
  const oCode = overlay === 'unit' ? otherUnit : code;
  const oYear = overlay === 'year' ? otherYear : year;
  const other = useCached(overlay === 'none' ? null : `pyramid|${ws}|${oCode}|${oYear}`, () =>
    pyramidRows(currentWorkspace().engine, oCode, oYear, index.unit(oCode)?.level ?? 'province'),
  );
  // Age heaping reads the register (single years of age), once per unit and year; a
  // village's is its commune's (named in the heading): too few people for the indices.
  const heapingUnit = unit?.level === 'village' ? index.unit(unit.commune ?? null) : unit;
  const heaping = useCached(`heaping|${ws}|${code}|${year}`, () =>
    unitAgeHeaping(currentWorkspace().engine, heapingUnit?.level === 'commune' ? heapingUnit.code : null, year),
  );
  const overlayLabel = overlay === 'year' ? String(otherYear) : (index.unit(otherUnit)?.name ?? '');
  const spec = useMemo(
    () =>
      main.status === 'ready'
        ? pyramidSpec(main.value, {
            lang,
            title: `${tv('pyramidTitle')} — ${unit?.name ?? ''}, 31/12/${year}`,
            mainLabel: `${unit?.name ?? ''} ${year}`,
            overlay: overlay !== 'none' && other.status === 'ready' ? { label: overlayLabel, rows: other.value } : undefined,
          })
        : null,
    [main, other, overlay, overlayLabel, lang, tv, unit?.name, year],
  );
  const total = main.status === 'ready' ? main.value.reduce((a, r) => a + r.value, 0) : null;
  const units = [...(index.province ? [index.province] : []), ...index.communes];
  return (
    <>
      <Controls index={index} show={['unit', 'year']} />
      <div className="controls" role="group" aria-label={tv('choices')}>
        <label htmlFor={`${id}-ov`}>
          {tv('overlay')}
          <select id={`${id}-ov`} aria-label={tv('overlay')} value={overlay} onChange={(e) => setOverlay(e.target.value as typeof overlay)}>
            <option value="none">{tv('overlayNone')}</option>
            <option value="year">{tv('overlayYear')}</option>
            <option value="unit">{tv('overlayUnit')}</option>
          </select>
        </label>
        {overlay === 'year' && (
          <label htmlFor={`${id}-oy`}>
            {tv('year')}
            <select id={`${id}-oy`} aria-label={tv('year')} value={otherYear} onChange={(e) => setOtherYear(Number(e.target.value))}>
              {index.years.map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
          </label>
        )}
        {overlay === 'unit' && (
          <label htmlFor={`${id}-ou`}>
            {tv('unit')}
            <select id={`${id}-ou`} aria-label={tv('unit')} value={otherUnit} onChange={(e) => setOtherUnit(e.target.value)}>
              {units.map((u) => (
                <option key={u.code} value={u.code}>
                  {u.name}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <div className="two-col">
        <div>
          {main.status === 'error' && <p className="error">{main.error}</p>}
          {overlay !== 'none' && other.status === 'ready' && (
            <p className="note">
              ▭ {tv('overlay')}: {overlayLabel}
            </p>
          )}
          {spec && <VegaChart spec={spec} name={`pyramid-${code}-${year}`} label={`${tv('pyramidTitle')}, ${unit?.name ?? ''} ${year}`} testId="pyramid-chart" />}
        </div>
        <aside aria-labelledby="heaping-title">
          <h3 id="heaping-title">
            {tv('ageHeaping')}
            {heapingUnit !== unit && heapingUnit ? ` — ${heapingUnit.name}` : ''}
          </h3>
          <dl className="facts" data-testid="age-heaping">
            <dt>{tv('persons')}</dt>
            <dd>{formatNumber(total, lang)}</dd>
            <dt>{tv('whipple')}</dt>
            <dd data-testid="whipple">{heaping.status === 'ready' ? formatNumber(heaping.value?.whipple, lang, 1) : '…'}</dd>
            <dt>{tv('myers')}</dt>
            <dd data-testid="myers">{heaping.status === 'ready' ? formatNumber(heaping.value?.myers, lang, 1) : '…'}</dd>
          </dl>
          {heaping.status === 'error' && <p className="error">{heaping.error}</p>}
          <p className="note">Whipple: {tv('whippleNote')}</p>
          <p className="note">Myers: {tv('myersNote')}</p>
        </aside>
      </div>
    </>
  );
}

export function PyramidView() {
  const { tv } = useViewText();
  return <ViewFrame title={tv('navPyramid')}>{(index) => <Pyramid index={index} />}</ViewFrame>;
}
