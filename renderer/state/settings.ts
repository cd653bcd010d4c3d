import { useSyncExternalStore } from 'react';
import type { Lang } from '../i18n/format.js';
import type { LifeTableMethod, PeriodType } from '../../analysis/indicators/index.js';
import { currentWorkspace } from './session.js';

/** The analyst's choices; saved in the workspace as settings.json so they survive a restart. */
export interface Settings {
  /** Unit code: the province code or a commune code; null = the province. */
  unit: string | null;
  level: 'province' | 'commune' | 'village';
  /** null = the latest year with data. */
  year: number | null;
  indicator: string;
  /** Units compared in the trend view (besides `unit`). */
  compare: string[];
  pool: number;
  smooth: boolean;
  lifeTable: LifeTableMethod;
  /** Periods of the trend view: quarters and months for the indicators made of flows. */
  trendPeriod: PeriodType;
  lang: Lang;
  /** Villages (thôn/bản) among the units: their rows are built on first use (seconds on a large province). */
  villages: boolean;
}

export const SETTINGS_FILE = 'settings.json';

export const DEFAULT_SETTINGS: Settings = {
  unit: null, level: 'province', year: null, indicator: 'tfr', compare: [], pool: 1, smooth: false, lifeTable: 'cd', trendPeriod: 'year', lang: 'vi', villages: false,
};

let settings: Settings = DEFAULT_SETTINGS;
let loadedFor: unknown = null;
/** The read of the workspace in loadedFor (settled once it has ended). */
let reading: Promise<void> = Promise.resolve();
const listeners = new Set<() => void>();
let saveTimer: ReturnType<typeof setTimeout> | undefined;

function emit() {
  for (const l of listeners) l();
}

/** Only known keys with the right types survive a hand-edited or older settings file. */
export function parseSettings(bytes: Uint8Array | undefined, defaults: Settings = DEFAULT_SETTINGS): Settings {
  if (!bytes) return defaults;
  try {
    const raw = JSON.parse(new TextDecoder().decode(bytes)) as Partial<Record<keyof Settings, unknown>>;
    const s = { ...defaults };
    if (typeof raw.unit === 'string' || raw.unit === null) s.unit = raw.unit;
    if (raw.level === 'province' || raw.level === 'commune' || raw.level === 'village') s.level = raw.level;
    if (typeof raw.year === 'number' || raw.year === null) s.year = raw.year;
    if (typeof raw.indicator === 'string') s.indicator = raw.indicator;
    if (Array.isArray(raw.compare)) s.compare = raw.compare.filter((c): c is string => typeof c === 'string');
    if (typeof raw.pool === 'number' && raw.pool >= 1 && raw.pool <= 5) s.pool = Math.floor(raw.pool);
    if (typeof raw.smooth === 'boolean') s.smooth = raw.smooth;
    if (raw.lifeTable === 'cd' || raw.lifeTable === 'chiang2') s.lifeTable = raw.lifeTable;
    if (raw.trendPeriod === 'year' || raw.trendPeriod === 'quarter' || raw.trendPeriod === 'month') s.trendPeriod = raw.trendPeriod;
    if (raw.lang === 'vi' || raw.lang === 'en') s.lang = raw.lang;
    if (typeof raw.villages === 'boolean') s.villages = raw.villages;
    return s;
  } catch {
    return defaults;
  }
}

/**
 * Read settings.json of the open workspace once per opened workspace. Every caller gets the
 * settings once that read has ended (a second caller while it runs waits for it); null when
 * another workspace was opened meanwhile (its own read decides).
 */
export function loadSettings(current: Partial<Settings> = {}): Promise<Settings | null> {
  const ws = currentWorkspace();
  // loadedFor, not currentWorkspace(), once a read has begun: that throws while the next one opens.
  const mine = () => (loadedFor === ws ? settings : null);
  if (loadedFor === ws) return reading.then(mine);
  loadedFor = ws;
  reading = (async () => {
    // A workspace without saved choices keeps the ones the user already made (e.g. the
    // language); an unreadable file too (parseSettings' defaults).
    const bytes = await ws.store.read(SETTINGS_FILE).catch(() => undefined);
    if (loadedFor !== ws) return;
    settings = parseSettings(bytes, { ...DEFAULT_SETTINGS, ...current });
    emit();
  })();
  return reading.then(mine);
}

export function getSettings(): Settings {
  return settings;
}

/** Change some choices; written to the workspace shortly after (atomic write of the store). */
export function updateSettings(patch: Partial<Settings>) {
  const next = { ...settings, ...patch };
  if (JSON.stringify(next) === JSON.stringify(settings)) return;
  settings = next;
  emit();
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => {
    try {
      const bytes = new TextEncoder().encode(JSON.stringify(settings, null, 2));
      void currentWorkspace().store.write(SETTINGS_FILE, bytes).catch(() => undefined);
    } catch {
      // No workspace open: nothing to persist to.
    }
  }, 300);
}

export function useSettings(): Settings {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => settings,
  );
}
