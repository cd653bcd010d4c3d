/**
 * The MIS wide layout (report form, formats.md "Wide layout"): items in rows, communes in
 * columns. One header row holds commune codes (or names that resolve to codes), the first
 * columns hold the item number and the item name, and a title cell above the header (or the
 * sheet name) holds the period. Item names resolve to data elements through a code table
 * the user can extend (saved as a mapping preset, see saveWideItemCodes).
 *
 * A wide source is turned into the long layout (one row per item × commune cell) and then
 * goes through the same converter and checks as a long MIS file. Each long row keeps the
 * sheet row of its item, so problems point at the form's row; the column is the commune's.
 */
import { allProvinces, communeByCode, normaliseCommuneCode } from '../model/admin-units.js';
import type { Workspace } from '../workspace/workspace.js';
import { COUPLE_ELEMENTS, ELEMENTS } from './elements.js';
import { fold, foldWords } from './fold.js';
import { headerSignature, type ColumnMapping, type MappingPreset } from './mapping.js';
import { parsePeriod } from './period.js';
import type { RowChunk, TabularSource } from './source.js';

/**
 * An item code: `element`, optionally `|M` or `|F` (a sex breakdown) and `|persons` (a
 * couple-based item counted in persons, which the quality check refuses).
 */
export type ItemCode = string;

const ITEM_NAMES: Array<[string, ItemCode]> = [
  ['Số hộ gia đình', 'households'],
  ['Số hộ', 'households'],
  ['Tổng số hộ', 'households'],
  ['Tổng số dân cuối kỳ', 'population'],
  ['Tổng số dân', 'population'],
  ['Dân số cuối kỳ', 'population'],
  ['Dân số', 'population'],
  ['Số dân', 'population'],
  ['Số phụ nữ 15-49 tuổi có chồng', 'women_married_15_49'],
  ['Số phụ nữ trong độ tuổi 15-49 có chồng', 'women_married_15_49'],
  ['Số trẻ sinh ra', 'births'],
  ['Số trẻ em sinh ra', 'births'],
  ['Số trẻ sinh ra là nam', 'births|M'],
  ['Số trẻ sinh ra là nữ', 'births|F'],
  ['Số trẻ sinh ra là con thứ 2', 'births_order_2'],
  ['Số trẻ sinh ra là con thứ 3 trở lên', 'births_order_3plus'],
  ['Số người chết', 'deaths'],
  ['Số người chết là nam', 'deaths|M'],
  ['Số người chết là nữ', 'deaths|F'],
  ['Số người chuyển đến', 'in_migrants'],
  ['Số người chuyển đi', 'out_migrants'],
  ['Số cặp kết hôn', 'marriages'],
  ['Số cặp tảo hôn', 'child_marriages'],
  ['Số cặp kết hôn cận huyết thống', 'consanguineous_marriages'],
  ['Số cặp nam nữ được tư vấn, khám sức khỏe trước khi kết hôn', 'premarital_checked'],
  ['Số cặp nam nữ được tư vấn, khám sức khoẻ trước khi kết hôn', 'premarital_checked'],
  ['Số phụ nữ mang thai', 'pregnancies'],
  ['Số phụ nữ mang thai được sàng lọc trước sinh (đủ 4 bệnh)', 'prenatal_screened'],
  ['Số phụ nữ mang thai được sàng lọc trước sinh', 'prenatal_screened'],
  ['Số trẻ sơ sinh được sàng lọc sơ sinh (đủ 5 bệnh)', 'newborn_screened'],
  ['Số trẻ sơ sinh được sàng lọc sơ sinh', 'newborn_screened'],
  ['Số cặp vợ chồng đang sử dụng biện pháp tránh thai hiện đại', 'modern_method_users'],
  ['Số người mới sử dụng biện pháp tránh thai hiện đại', 'new_acceptors'],
  ['Số người cao tuổi (60 tuổi trở lên)', 'elderly'],
  ['Số người cao tuổi', 'elderly'],
  ['Số người cao tuổi được khám sức khỏe định kỳ', 'elderly_checked'],
  ['Số người cao tuổi được khám sức khoẻ định kỳ', 'elderly_checked'],
  // Couple-based items counted in persons: recognised so that the check can refuse them.
  ['Số người kết hôn', 'marriages|persons'],
  ['Số người tảo hôn', 'child_marriages|persons'],
  ['Số người kết hôn cận huyết thống', 'consanguineous_marriages|persons'],
  ['Số người được tư vấn, khám sức khỏe trước khi kết hôn', 'premarital_checked|persons'],
  ['Số người được khám sức khỏe trước khi kết hôn', 'premarital_checked|persons'],
];

/** The built-in item code table: folded item name → item code. */
export const DEFAULT_ITEM_CODES: Readonly<Record<string, ItemCode>> = Object.fromEntries(
  ITEM_NAMES.map(([name, code]) => [fold(name), code]),
);

/** Presets holding user item codes carry this signature (they are not tied to headers). */
export const WIDE_ITEMS_SIGNATURE = headerSignature(['mis wide items']);

/** The code-table key (in ColumnMapping.codes) of item names. */
export const ITEM_FIELD = 'item';

/** Save user item codes (item name → `element[|M|F][|persons]`) as a named preset. */
export function saveWideItemCodes(ws: Workspace, name: string, items: Record<string, ItemCode>): MappingPreset {
  const folded: Record<string, ItemCode> = {};
  for (const [k, v] of Object.entries(items)) folded[fold(k)] = v;
  const preset: MappingPreset = {
    name,
    signature: WIDE_ITEMS_SIGNATURE,
    mapping: { table: 'mis', columns: {}, codes: { [ITEM_FIELD]: folded } },
    savedAt: new Date().toISOString(),
  };
  ws.addPreset(preset);
  return preset;
}

/** The item code table in force: built-in, then saved presets (oldest first), then the file's own. */
export function itemCodes(presets: readonly MappingPreset[], user?: ColumnMapping): Record<string, ItemCode> {
  const out: Record<string, ItemCode> = { ...DEFAULT_ITEM_CODES };
  for (const p of presets) if (p.signature === WIDE_ITEMS_SIGNATURE) Object.assign(out, foldKeys(p.mapping.codes?.[ITEM_FIELD]));
  Object.assign(out, foldKeys(user?.codes?.[ITEM_FIELD]));
  return out;
}
function foldKeys(t: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(t ?? {})) out[fold(k)] = v;
  return out;
}

const ITEM_NAME_HEADERS = new Set(['chitieu', 'tenchitieu', 'noidung', 'noidungchitieu', 'item', 'itemname', 'tieuchi', 'danhmuc']);
const ITEM_NO_HEADERS = new Set(['stt', 'tt', 'sott', 'sothutu', 'ma', 'maso', 'no', 'itemno']);

let byName: Map<string, string[]> | undefined;
const stripKind = (f: string) => f.replace(/^(xa|phuong|dackhu|thitran)/, '');
function communesByName(): Map<string, string[]> {
  if (byName) return byName;
  byName = new Map();
  for (const p of allProvinces())
    for (const c of p.communes)
      for (const key of new Set([fold(c.communeName), stripKind(fold(c.communeName))])) {
        const list = byName.get(key) ?? [];
        list.push(c.communeCode);
        byName.set(key, list);
      }
  return byName;
}

/** A commune column header → commune code (codes as they are; names resolved, the province hint breaking ties). */
export function communeFromHeader(cell: string, province?: string): string | null {
  const s = cell.trim();
  if (s === '') return null;
  if (/^\d{1,5}(\.0+)?$/.test(s)) return normaliseCommuneCode(s);
  const f = fold(s);
  const hits = communesByName().get(f) ?? communesByName().get(stripKind(f));
  if (!hits || hits.length === 0) return null;
  if (hits.length === 1) return hits[0]!;
  const inProvince = province ? hits.filter((c) => communeByCode(c)?.provinceCode === province) : [];
  return inProvince.length === 1 ? inProvince[0]! : null;
}

interface WideLayout {
  itemNo: number;
  itemName: number;
  /** Column index → commune code (or the header text when it does not resolve). */
  communes: Array<[number, string]>;
}

function layoutOf(cells: string[]): WideLayout | undefined {
  const head = cells.slice(0, 3).map(fold);
  const itemName = head.findIndex((h) => ITEM_NAME_HEADERS.has(h));
  if (itemName < 0) return undefined;
  const itemNo = head.findIndex((h, i) => i !== itemName && ITEM_NO_HEADERS.has(h));
  const first = Math.max(itemName, itemNo) + 1;
  const codes: Array<[number, string | null]> = [];
  for (let i = first; i < cells.length; i++) if (cells[i]!.trim() !== '') codes.push([i, communeFromHeader(cells[i]!)]);
  // Names shared by communes of several provinces: take the province of the columns that resolve.
  const provinces = new Map<string, number>();
  for (const [, c] of codes) {
    const p = c ? communeByCode(c)?.provinceCode : undefined;
    if (p) provinces.set(p, (provinces.get(p) ?? 0) + 1);
  }
  const province = [...provinces.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const communes: Array<[number, string]> = codes.map(([i, c]) => [i, c ?? communeFromHeader(cells[i]!, province) ?? cells[i]!.trim()]);
  if (!communes.some(([, c]) => communeByCode(c))) return undefined;
  return { itemNo, itemName, communes };
}

/** Whether a row of cells is the header row of a wide report form. */
export function isWideHeader(cells: string[]): boolean {
  return layoutOf(cells) !== undefined;
}

const PERIOD_PATTERNS = [
  /(?:quy|q) ?(?:i{1,3}|iv|[1-4]) (?:nam )?\d{4}/,
  /\d{4} q ?[1-4]/,
  /thang \d{1,2} (?:nam )?\d{4}/,
  /nam \d{4}/,
];

/** The period a title or sheet name announces ("Kỳ báo cáo: Quý II/2024", "Năm 2024", "Quý 1-2024"), as text parsePeriod reads. */
export function findPeriod(text: string): string | undefined {
  const s = foldWords(text);
  for (const re of PERIOD_PATTERNS) {
    const m = s.match(re);
    if (m && parsePeriod(m[0])) return m[0];
  }
  if (parsePeriod(s)) return s;
  return undefined;
}

/** The long-layout headers a wide source is converted to (canonical names). */
export const WIDE_LONG_HEADERS = ['commune_code', 'period', 'element', 'sex', 'age_group', 'value'];

export function wideMapping(codes: Record<string, ItemCode>): ColumnMapping {
  const columns: Record<string, string> = {};
  for (const h of WIDE_LONG_HEADERS) columns[h] = h;
  return { table: 'mis', columns, codes: { [ITEM_FIELD]: codes } };
}

const SEX_ONLY: Record<string, 'M' | 'F'> = { nam: 'M', nu: 'F', male: 'M', female: 'F', tredonam: 'M', tredonu: 'F' };

/** Resolve an item name (and number) to its code, a sex sub-item taking its parent's element. */
function resolveItem(name: string, no: string, codes: Record<string, ItemCode>, parents: Map<string, string>, last: string | undefined): ItemCode | undefined {
  const f = fold(name);
  const direct = codes[f] ?? (no ? codes[fold(no)] : undefined);
  if (direct) return direct;
  if (f in ELEMENTS) return f;
  const sexPart = f.replace(/^trongdo/, '');
  const sex = SEX_ONLY[sexPart];
  if (sex) {
    const parentNo = no.includes('.') ? no.slice(0, no.lastIndexOf('.')) : '';
    const parent = parents.get(parentNo) ?? last;
    if (parent) return `${parent.split('|')[0]}|${sex}`;
  }
  return undefined;
}

/** Turn a wide source into a long one; undefined when the source is not a wide form. */
export function wideToLong(src: TabularSource, codes: Record<string, ItemCode>): TabularSource | undefined {
  const layout = layoutOf(src.headers.map((h) => String(h ?? '')));
  if (!layout) return undefined;
  let periodText: string | undefined;
  for (const row of src.preamble) {
    for (const cell of row) {
      if (cell === null || cell === undefined || periodText) continue;
      periodText = findPeriod(String(cell));
    }
  }
  if (!periodText && src.sheet) periodText = findPeriod(src.sheet);
  const period = periodText ?? '';
  const couples = new Set(COUPLE_ELEMENTS);
  return {
    sheet: src.sheet,
    headers: WIDE_LONG_HEADERS,
    headerRow: src.headerRow,
    preamble: src.preamble,
    *chunks() {
      const parents = new Map<string, string>();
      let lastTop: string | undefined;
      for (const chunk of src.chunks()) {
        const rows: unknown[][] = [];
        const rowNumbers: number[] = [];
        const refused: NonNullable<RowChunk['refused']> = [];
        for (let r = 0; r < chunk.rows.length; r++) {
          const cells = chunk.rows[r]!;
          const rowNo = chunk.rowNumbers[r]!;
          const name = String(cells[layout.itemName] ?? '').trim();
          const no = layout.itemNo >= 0 ? String(cells[layout.itemNo] ?? '').trim().replace(/\.0+$/, '') : '';
          const code = resolveItem(name, no, codes, parents, lastTop);
          if (code && !/[|](M|F)$/.test(code.replace('|persons', ''))) {
            if (no) parents.set(no, code);
            lastTop = code;
          }
          const [element = '', ...flags] = (code ?? '').split('|');
          const sex = flags.find((x) => x === 'M' || x === 'F') ?? '';
          const persons = flags.includes('persons') && couples.has(element);
          for (const [col, commune] of layout.communes) {
            const v = cells[col];
            if (v === null || v === undefined || String(v).trim() === '') continue;
            const at = { row: rowNo, column: commune, commune: communeByCode(commune) ? commune : null };
            if (!code) refused.push({ ...at, rule: 'value_invalid', value: name || no });
            else if (persons) refused.push({ ...at, rule: 'marriages_in_persons', value: `${name}: ${String(v)}` });
            else {
              rows.push([commune, period, element, sex, '', v]);
              rowNumbers.push(rowNo);
            }
          }
        }
        yield { rows, rowNumbers, broken: chunk.broken, refused, progress: chunk.progress };
      }
    },
  };
}
