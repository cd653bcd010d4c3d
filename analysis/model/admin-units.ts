import { ADMIN_UNITS_2025 } from './admin-units-data.js';

export interface Commune {
  provinceCode: string;
  provinceName: string;
  communeCode: string;
  communeName: string;
}
export interface Province {
  code: string;
  name: string;
  communes: Commune[];
}

let cache: { communes: Map<string, Commune>; provinces: Map<string, Province> } | undefined;

function load() {
  if (cache) return cache;
  const communes = new Map<string, Commune>();
  const provinces = new Map<string, Province>();
  for (const line of ADMIN_UNITS_2025.split('\n')) {
    const [provinceCode, provinceName, communeCode, communeName] = line.split('|') as [string, string, string, string];
    const commune = { provinceCode, provinceName, communeCode, communeName };
    communes.set(communeCode, commune);
    let p = provinces.get(provinceCode);
    if (!p) provinces.set(provinceCode, (p = { code: provinceCode, name: provinceName, communes: [] }));
    p.communes.push(commune);
  }
  return (cache = { communes, provinces });
}

/** Pad a commune code that lost its leading zeros in a spreadsheet ("4465" → "04465"). */
export function normaliseCommuneCode(raw: string | number): string {
  const s = String(raw).trim().replace(/\.0+$/, '');
  return /^\d{1,5}$/.test(s) ? s.padStart(5, '0') : s;
}

/** Pad a province code to 2 digits. */
export function normaliseProvinceCode(raw: string | number): string {
  const s = String(raw).trim().replace(/\.0+$/, '');
  return /^\d{1,2}$/.test(s) ? s.padStart(2, '0') : s;
}

export function communeByCode(code: string): Commune | undefined {
  return load().communes.get(normaliseCommuneCode(code));
}

export function provinceByCode(code: string): Province | undefined {
  return load().provinces.get(normaliseProvinceCode(code));
}

export function allProvinces(): Province[] {
  return [...load().provinces.values()];
}
