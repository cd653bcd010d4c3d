import { AGE_GROUPS } from '../model/age-groups.js';
import { MODERN_METHODS } from '../model/schema.js';
import { fold } from './fold.js';
import type { FieldKind } from './fields.js';

/**
 * Normalise coded values to the canonical codes of model/schema.ts. Keys are folded
 * (fold()), so "Nữ", "NU", "nu" all match. A user code table (e.g. 1/2/3 for residence)
 * is consulted first; see CodeTable.
 */
const TABLES: Partial<Record<FieldKind, Record<string, string>>> = {
  sex: { nam: 'M', m: 'M', male: 'M', '1': 'M', nu: 'F', f: 'F', female: 'F', '2': 'F' },
  residence: {
    thuongtru: 'thuong_tru',
    tamvang: 'tam_vang',
    tamtru: 'tam_tru',
    tt: 'thuong_tru',
    permanent: 'thuong_tru',
    temporarilyabsent: 'tam_vang',
    temporaryresident: 'tam_tru',
  },
  entry_reason: {
    moso: 'opening',
    sinh: 'birth',
    chuyenden: 'moved_in',
    opening: 'opening',
    birth: 'birth',
    movedin: 'moved_in',
  },
  exit_reason: { chet: 'death', mat: 'death', chuyendi: 'moved_out', death: 'death', movedout: 'moved_out' },
  move_type: { chuyenden: 'in', den: 'in', in: 'in', chuyendi: 'out', di: 'out', out: 'out' },
  method: {
    dinhsannam: 'male_sterilisation',
    dinhsannu: 'female_sterilisation',
    dungcutucung: 'iud',
    vong: 'iud',
    dungcutucungvong: 'iud',
    thuoccay: 'implant',
    thuoctiem: 'injectable',
    thuocuong: 'pill',
    baocaosu: 'condom',
    tinhvongkinh: 'rhythm',
    xuattinhngoai: 'withdrawal',
    khac: 'other',
  },
  yesno: {
    co: 'true',
    x: 'true',
    '1': 'true',
    true: 'true',
    yes: 'true',
    y: 'true',
    khong: 'false',
    '0': 'false',
    false: 'false',
    no: 'false',
    n: 'false',
  },
};
for (const m of [...MODERN_METHODS, 'rhythm', 'withdrawal', 'other']) TABLES.method![fold(m)] = m;

const MODERN = new Set<string>(MODERN_METHODS);
export const isModern = (method: string) => MODERN.has(method);

/** A user-defined code table: folded source value → canonical code, per field. */
export type CodeTable = Record<string, Record<string, string>>;

export type CodeResult = { ok: true; value: string | null } | { ok: false };

/** Normalise one coded value; blank → null (yes/no blank means "no"). */
export function normaliseCode(kind: FieldKind, raw: unknown, user?: Record<string, string>): CodeResult {
  const s = raw === null || raw === undefined ? '' : String(raw).trim();
  if (s === '') return { ok: true, value: kind === 'yesno' ? 'false' : null };
  const key = fold(s);
  const fromUser = user?.[key] ?? user?.[s];
  if (fromUser !== undefined) return { ok: true, value: fromUser };
  if (kind === 'age_group') return normaliseAgeGroup(s);
  const v = TABLES[kind]?.[key];
  return v === undefined ? { ok: false } : { ok: true, value: v };
}

const AGE_SET = new Set<string>(AGE_GROUPS);
function normaliseAgeGroup(s: string): CodeResult {
  const t = s.replace(/\s+/g, '').replace(/[–—]/g, '-').replace(/tuổi|tuoi/gi, '');
  if (AGE_SET.has(t)) return { ok: true, value: t };
  if (/^85(\+|tr[eê]n|trolen)$/i.test(t)) return { ok: true, value: '85+' };
  if (/^(tổng|tong|total|all)$/i.test(fold(t))) return { ok: true, value: null };
  return { ok: false };
}

/** The values each coded field accepts, for the mapping UI. */
export function knownCodes(kind: FieldKind): string[] {
  return [...new Set(Object.values(TABLES[kind] ?? {}))];
}
