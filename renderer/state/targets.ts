import { useSyncExternalStore } from 'react';
import { bundledTargets, parseSavedTargets, parseTargetsFile, TARGETS_FILE, type Target } from '../../analysis/indicators/index.js';
import { currentWorkspace } from './session.js';

/** The plan targets the views judge against: the bundled 2026 plans, or a file the analyst loaded. */
export interface TargetsState {
  /** The loaded file's name; null for the bundled plans. */
  file: string | null;
  targets: Target[];
  /** Why the workspace's saved targets could not be used (the bundled ones are in use instead). */
  problem?: string;
}

export const BUNDLED_TARGETS: TargetsState = { file: null, targets: bundledTargets() };

let state: TargetsState = BUNDLED_TARGETS;
let loadedFor: unknown = null;
const listeners = new Set<() => void>();

function set(next: TargetsState) {
  state = next;
  for (const l of listeners) l();
}

/**
 * The saved targets of the open workspace, read once per opened workspace: the bundled ones
 * until the read ends (never another workspace's), and instead of saved ones that cannot be
 * used, saying why.
 */
export async function loadTargets(): Promise<void> {
  const ws = currentWorkspace();
  if (loadedFor === ws) return;
  loadedFor = ws;
  set(BUNDLED_TARGETS);
  let next: TargetsState;
  try {
    const bytes = await ws.store.read(TARGETS_FILE);
    next = bytes ? parseSavedTargets(bytes) : BUNDLED_TARGETS;
  } catch (e) {
    next = { ...BUNDLED_TARGETS, problem: e instanceof Error ? e.message : String(e) };
  }
  // Another workspace opened meanwhile: its own read decides.
  if (loadedFor === ws) set(next);
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
