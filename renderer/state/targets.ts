import { useSyncExternalStore } from 'react';
import { parseTargetsCsv, parseTargetsRows, parseTargetsWorkbook, type Target } from '../../analysis/indicators/index.js';
import { PLAN_TARGETS_2026_CSV } from '../components/plan-targets.js';
import { currentWorkspace } from './session.js';

/** The plan targets the views judge against: the bundled 2026 plans, or a file the analyst loaded. */
export interface TargetsState {
  /** The loaded file's name; null for the bundled plans. */
  file: string | null;
  targets: Target[];
}

/** Saved in the workspace beside settings.json: the loaded file's targets, parsed. */
export const TARGETS_FILE = 'targets.json';

export const BUNDLED_TARGETS: TargetsState = { file: null, targets: parseTargetsCsv(PLAN_TARGETS_2026_CSV) };

let state: TargetsState = BUNDLED_TARGETS;
let loadedFor: unknown = null;
const listeners = new Set<() => void>();

function set(next: TargetsState) {
  state = next;
  for (const l of listeners) l();
}

/** A targets file's rows (CSV in UTF-8, or the first sheet of an XLSX/XLS workbook); throws the row's error. */
export function parseTargetsFile(name: string, bytes: Uint8Array): Target[] {
  const targets = /\.xlsx?$/i.test(name) ? parseTargetsWorkbook(bytes) : parseTargetsCsv(new TextDecoder().decode(bytes));
  if (targets.length === 0) throw new Error('Tệp không có mục tiêu nào · the file holds no targets');
  return targets;
}

/** The saved targets of the open workspace, read once per opened workspace (the bundled ones when none or unreadable). */
export async function loadTargets(): Promise<void> {
  const ws = currentWorkspace();
  if (loadedFor === ws) return;
  loadedFor = ws;
  const bytes = await ws.store.read(TARGETS_FILE);
  if (!bytes) return set(BUNDLED_TARGETS);
  try {
    const saved = JSON.parse(new TextDecoder().decode(bytes)) as { file?: unknown; targets?: unknown };
    if (typeof saved.file !== 'string' || !Array.isArray(saved.targets)) return set(BUNDLED_TARGETS);
    // Checked again as a file's rows would be (a hand-edited or older file).
    set({ file: saved.file, targets: parseTargetsRows(saved.targets as Array<Record<string, unknown>>) });
  } catch {
    set(BUNDLED_TARGETS);
  }
}

/** Use the targets of a file the analyst chose (kept in the workspace); throws, changing nothing, when it is not valid. */
export async function chooseTargetsFile(name: string, bytes: Uint8Array): Promise<void> {
  const targets = parseTargetsFile(name, bytes);
  const saved = new TextEncoder().encode(JSON.stringify({ file: name, targets }, null, 1));
  await currentWorkspace().store.write(TARGETS_FILE, saved);
  set({ file: name, targets });
}

/** Back to the bundled 2026 plans. */
export async function restoreBundledTargets(): Promise<void> {
  await currentWorkspace().store.remove(TARGETS_FILE);
  set(BUNDLED_TARGETS);
}

export function useTargets(): TargetsState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}
