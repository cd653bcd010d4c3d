import { useId } from 'react';
import { INDICATORS } from '../../analysis/indicators/index.js';
import { useViewText } from '../i18n/views-messages.js';
import { chosenYear, type ResultIndex } from '../state/result-index.js';
import { updateSettings, useSettings } from '../state/settings.js';
import { longVillageBuild } from '../state/villages.js';
import { formatNumber } from '../i18n/format.js';
import { indicatorName } from './indicator-format.js';

export type Control = 'unit' | 'year' | 'indicator' | 'pool' | 'smooth' | 'lifeTable';

/** Labelled selectors of the shared choices; every change is saved in the workspace. */
export function Controls({ index, show }: { index: ResultIndex; show: Control[] }) {
  const { lang, tv } = useViewText();
  const s = useSettings();
  const id = useId();
  const has = (c: Control) => show.includes(c);
  const unit = index.unit(s.unit);
  const longBuild = longVillageBuild();
  return (
    <div className="controls" role="group" aria-label={tv('choices')}>
      {has('indicator') && (
        <label htmlFor={`${id}-ind`}>
          {tv('indicator')}
          <select id={`${id}-ind`} aria-label={tv('indicator')} value={s.indicator} onChange={(e) => updateSettings({ indicator: e.target.value })}>
            {INDICATORS.map((d) => (
              <option key={d.code} value={d.code}>
                {indicatorName(d, lang)}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('unit') && (
        <label htmlFor={`${id}-unit`}>
          {tv('unit')}
          <select
            id={`${id}-unit`}
            aria-label={tv('unit')}
            value={unit?.code ?? ''}
            onChange={(e) => {
              const u = index.unit(e.target.value);
              updateSettings({ unit: e.target.value, level: u?.level ?? 'province' });
            }}
          >
            {index.province && <option value={index.province.code}>{index.province.name} ({tv('province')})</option>}
            {index.communes.flatMap((c) => [
              <option key={c.code} value={c.code}>
                {c.name}
              </option>,
              // A commune's villages under it, indented (a select has no nested groups).
              ...index.villagesOf(c.code).map((v) => (
                <option key={v.code} value={v.code}>
                  {'\u2003'}
                  {v.shortName ?? v.name}
                </option>
              )),
            ])}
          </select>
        </label>
      )}
      {has('unit') && (
        <label className="check">
          <input
            type="checkbox"
            checked={s.villages}
            aria-describedby={longBuild === null ? undefined : `${id}-vnote`}
            onChange={(e) => updateSettings({ villages: e.target.checked })}
          />
          {tv('showVillages')}
          {/* A large register: the first time takes minutes (with its progress), said beforehand. */}
          {longBuild !== null && !s.villages && (
            <span className="note" id={`${id}-vnote`}>
              {' '}
              ({tv('villagesLong').replace('{n}', formatNumber(longBuild, lang))})
            </span>
          )}
        </label>
      )}
      {has('year') && (
        <label htmlFor={`${id}-year`}>
          {tv('year')}
          <select id={`${id}-year`} aria-label={tv('year')} value={chosenYear(index, s.year)} onChange={(e) => updateSettings({ year: Number(e.target.value) })}>
            {[...index.years].reverse().map((y) => (
              <option key={y} value={y}>
                {s.pool > 1 ? `${y - s.pool + 1}–${y}` : y}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('pool') && (
        <label htmlFor={`${id}-pool`}>
          {tv('pool')}
          <select id={`${id}-pool`} aria-label={tv('pool')} value={s.pool} onChange={(e) => updateSettings({ pool: Number(e.target.value) })}>
            {[1, 2, 3, 5].map((k) => (
              <option key={k} value={k}>
                {k} {tv(k === 1 ? 'poolOne' : 'poolN')}
              </option>
            ))}
          </select>
        </label>
      )}
      {has('smooth') && (
        <fieldset className="toggle">
          <legend>{tv('values')}</legend>
          <label>
            <input type="radio" name={`${id}-smooth`} checked={!s.smooth} onChange={() => updateSettings({ smooth: false })} />
            {tv('raw')}
          </label>
          <label>
            <input type="radio" name={`${id}-smooth`} checked={s.smooth} onChange={() => updateSettings({ smooth: true })} />
            {tv('smoothing')}
          </label>
        </fieldset>
      )}
      {has('lifeTable') && (
        <label htmlFor={`${id}-lt`}>
          {tv('lifeTable')}
          <select id={`${id}-lt`} aria-label={tv('lifeTable')} value={s.lifeTable} onChange={(e) => updateSettings({ lifeTable: e.target.value === 'chiang2' ? 'chiang2' : 'cd' })}>
            <option value="cd">{tv('lifeTableCd')}</option>
            <option value="chiang2">{tv('lifeTableChiang')}</option>
          </select>
        </label>
      )}
    </div>
  );
}
