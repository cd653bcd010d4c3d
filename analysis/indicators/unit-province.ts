import { communeByCode } from '../model/admin-units.js';
import { VILLAGE_SEPARATOR } from './cube/schema.js';

/**
 * The province a commune (or village, `commune/village`) rolls up to, among the province
 * units of the data: the only one when there is one (a commune code missing from the 2025
 * list is no other province); else the 2025 admin units' province, when it is among them
 * (or when none is known); else '??', as the cube's roll-up writes an unknown province.
 */
export function unitProvince(unitCode: string, provinces: ReadonlySet<string>): string {
  if (provinces.size === 1) return provinces.values().next().value!;
  const p = communeByCode(unitCode.split(VILLAGE_SEPARATOR)[0]!)?.provinceCode;
  return p && (provinces.size === 0 || provinces.has(p)) ? p : '??';
}
