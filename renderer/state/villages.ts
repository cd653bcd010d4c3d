import { currentWorkspace } from './session.js';

/**
 * Register rows above which adding the villages is announced as long: their cube rows are
 * built in the page from every register the first time (then saved with the workspace).
 * Measured in Chromium on the 2-core machine, 02/12/2026: 1.17 M rows 36 s, 5.84 M rows 144 s
 * (3,629 units, no error).
 */
export const LONG_VILLAGE_BUILD_ROWS = 500_000;

/** The register's rows when adding the villages will take a while (and the cube has none saved), else null. */
export function longVillageBuild(): number | null {
  try {
    const ws = currentWorkspace();
    const rows = ws.savedRows('nhan_khau');
    return !ws.savedVillageRows && rows > LONG_VILLAGE_BUILD_ROWS ? rows : null;
  } catch {
    return null;
  }
}
