import { useSyncExternalStore } from 'react';

/** Progress of the cube build under way (statements done of total), or null when none runs. */
export interface CubeProgress {
  done: number;
  total: number;
}

let progress: CubeProgress | null = null;
const listeners = new Set<() => void>();

export function setCubeProgress(p: CubeProgress | null): void {
  progress = p;
  for (const l of listeners) l();
}

export function useCubeProgress(): CubeProgress | null {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => progress,
  );
}
