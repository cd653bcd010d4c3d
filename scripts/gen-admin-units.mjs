// Regenerates analysis/model/admin-units-data.ts from ../shared/data/admin-units-2025.csv.
import { readFileSync, writeFileSync } from 'node:fs';
import Papa from 'papaparse';
const csv = readFileSync(new URL('../../shared/data/admin-units-2025.csv', import.meta.url), 'utf8');
const rows = Papa.parse(csv, { header: true, skipEmptyLines: true }).data;
const lines = rows.map((r) => [r.province_code, r.province_name, r.commune_code, r.commune_name].join('|'));
writeFileSync(
  new URL('../analysis/model/admin-units-data.ts', import.meta.url),
  `// Generated from shared/data/admin-units-2025.csv (CV 1027/CTK-CSCL, QĐ 19/2025/QĐ-TTg) by
// scripts/gen-admin-units.mjs. Bundled so the app and CLI work offline. Do not edit by hand.
// province_code|province_name|commune_code|commune_name
export const ADMIN_UNITS_2025 = ${JSON.stringify(lines.join('\n'))};
`,
);
