import { E0_OF_SEX, type IndicatorDef } from '../../analysis/indicators/index.js';
import { unitLifeTableAt } from '../../analysis/charts/view-data.js';
import { AGE_GROUPS } from '../../analysis/model/age-groups.js';
import { formatNumber } from '../i18n/format.js';
import { useViewText } from '../i18n/views-messages.js';
import { currentWorkspace, useSession } from '../state/session.js';
import { useCached, type UnitRef } from '../state/results.js';
import type { Settings } from '../state/settings.js';

/**
 * The abridged life table behind an e₀ card, for the unit, window and method shown: what a
 * demographer checks first (a commune's e₀ of 85 resting on one death at 85+ shows here).
 */
export function LifeTableSection({ def, unit, year, settings }: { def: IndicatorDef; unit: UnitRef; year: number; settings: Pick<Settings, 'pool' | 'lifeTable'> }) {
  const { lang, tv } = useViewText();
  const session = useSession();
  const sex = (['T', 'M', 'F'] as const).find((x) => E0_OF_SEX[x] === def.code);
  const key = sex ? `lifetable|${session.name}|${session.revision}|${unit.level}|${unit.code}|${year}|${settings.pool}|${settings.lifeTable}|${sex}` : null;
  const lt = useCached(key, () =>
    unitLifeTableAt(currentWorkspace().engine, { level: unit.level, unitCode: unit.code, year, pool: settings.pool, method: settings.lifeTable, sex: sex! }),
  );
  if (!sex) return null;
  const n = (x: number, d: number) => formatNumber(x, lang, d);
  return (
    <section aria-labelledby="life-table-title" data-testid="life-table">
      <h3 id="life-table-title">
        {tv('lifeTable')} ({tv(settings.lifeTable === 'chiang2' ? 'lifeTableChiang' : 'lifeTableCd')}) · {unit.name} · {settings.pool > 1 ? `${year - settings.pool + 1}–${year}` : year}
      </h3>
      {lt.status === 'loading' && <p className="note">…</p>}
      {lt.status === 'error' && <p className="error">{lt.error}</p>}
      {lt.status === 'ready' && !lt.value?.table && <p className="note">{tv('noLifeTable')}</p>}
      {lt.status === 'ready' && lt.value?.table && (
        <div>
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{tv('ageGroupCol')}</th>
                <th scope="col" className="num">Dₓ</th>
                <th scope="col" className="num">{tv('personYears')}</th>
                <th scope="col" className="num">mₓ (‰)</th>
                <th scope="col" className="num">qₓ</th>
                <th scope="col" className="num">lₓ</th>
                <th scope="col" className="num">eₓ</th>
                <th scope="col" className="num">{tv('interval')} eₓ</th>
              </tr>
            </thead>
            <tbody>
              {lt.value.table.rows.map((r, i) => (
                <tr key={r.age}>
                  <th scope="row">{AGE_GROUPS[i]}</th>
                  <td className="num">{n(r.deaths, 0)}</td>
                  <td className="num">{n(r.population, 1)}</td>
                  <td className="num">{n(1000 * r.m, 2)}</td>
                  <td className="num">{n(r.q, 5)}</td>
                  <td className="num">{n(r.l, 0)}</td>
                  <td className="num">{n(r.e, 1)}</td>
                  <td className="num">
                    {n(r.lower, 1)}–{n(r.upper, 1)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
