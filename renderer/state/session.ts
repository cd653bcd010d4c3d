import { useSyncExternalStore } from 'react';
import { Workspace } from '../../analysis/workspace/workspace.js';
import type { WorkspaceStore } from '../../analysis/workspace/store.js';
import { createEngine } from '../engine.js';
import { platform } from '../platform/index.js';
import { WORKSPACE_MARKER } from '../../electron/platform-api.js';
import { DemoStore, PlatformStore } from './platform-store.js';

export interface SessionState {
  status: 'starting' | 'ready' | 'error';
  kind: 'demo' | 'workspace';
  name: string;
  /** Bumped after every change of data, so views re-query. */
  revision: number;
  error?: string;
}

let state: SessionState = { status: 'starting', kind: 'demo', name: '', revision: 0 };
let workspace: Workspace | null = null;
const listeners = new Set<() => void>();

function set(patch: Partial<SessionState>) {
  state = { ...state, ...patch };
  for (const l of listeners) l();
}

export function useSession(): SessionState {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => state,
  );
}

/** The open workspace; views call analysis functions on it. */
export function currentWorkspace(): Workspace {
  if (!workspace) throw new Error('Chưa mở thư mục làm việc · No workspace is open');
  return workspace;
}

/** Tell the views that the data changed. */
export function dataChanged() {
  set({ revision: state.revision + 1 });
}

async function open(store: WorkspaceStore, kind: SessionState['kind'], name: string) {
  set({ status: 'starting', kind, name, error: undefined });
  const previous = workspace;
  workspace = null;
  try {
    await previous?.close();
    workspace = await Workspace.open(store, await createEngine());
    set({ status: 'ready', revision: state.revision + 1 });
  } catch (err) {
    set({ status: 'error', error: err instanceof Error ? err.message : String(err) });
  }
}

/** The demo workspace bundled with the app (synthetic data made from the fixtures). */
export async function openDemo() {
  await open(await DemoStore.load(), 'demo', 'demo');
}

/** Open the workspace in the platform's chosen folder, marking the folder as a workspace. */
async function openPlatformWorkspace(name: string): Promise<boolean> {
  const store = new PlatformStore(platform.workspace);
  // The marker lets the desktop open the folder with a double click (.danso association).
  if (!(await store.read(WORKSPACE_MARKER))) {
    await store.write(WORKSPACE_MARKER, new TextEncoder().encode(JSON.stringify({ format: 'danso-workspace', manifest: 'manifest.json' })));
  }
  await open(store, 'workspace', name);
  return state.status === 'ready';
}

/** Ask for a folder and open (or create) the workspace in it. */
export async function chooseAndOpenWorkspace(): Promise<boolean> {
  const chosen = await platform.chooseWorkspace();
  return chosen ? openPlatformWorkspace(chosen.name) : false;
}

/** On start: the workspace the app was launched on (a double-clicked .danso file), else the demo. */
export async function openInitial() {
  const initial = await platform.initialWorkspace();
  if (initial) await openPlatformWorkspace(initial.name);
  else await openDemo();
}

/** Make sure imports go to a real workspace, not the read-only demo. */
export async function ensureWritableWorkspace(): Promise<boolean> {
  if (state.kind === 'workspace' && workspace) return true;
  return chooseAndOpenWorkspace();
}
