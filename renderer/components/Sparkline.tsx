import { sparklinePath } from '../../analysis/charts/sparkline.js';
import { COLORS } from '../../analysis/charts/palette.js';

/** A card's trend: a plain SVG path (many cards redraw at once when the unit changes). */
export function Sparkline({ values, label }: { values: Array<number | null>; label: string }) {
  const w = 120;
  const h = 30;
  const { d, last } = sparklinePath(values, w, h);
  return (
    <svg width={w} height={h} role="img" aria-label={label} className="sparkline">
      <path d={d} fill="none" stroke={COLORS.value} strokeWidth={1.5} />
      {last && <circle cx={last[0]} cy={last[1]} r={2.5} fill={COLORS.value} />}
    </svg>
  );
}
