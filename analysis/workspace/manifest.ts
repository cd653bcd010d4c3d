import type { MappingPreset } from '../ingest/mapping.js';

/**
 * manifest.json: the one file that says what the workspace holds. Saving writes every data
 * file under a new generation's names, then replaces the manifest atomically; the previous
 * generation's files are deleted only after that. A crash at any point leaves a manifest
 * that points at complete files.
 */
export const WORKSPACE_FORMAT = 'danso-workspace';
export const WORKSPACE_VERSION = 3;
export const MANIFEST = 'manifest.json';
export const KEY_FILE = 'pseudonym-key.bin';

export interface Manifest {
  format: typeof WORKSPACE_FORMAT;
  version: number;
  generation: number;
  savedAt: string;
  /** Table name → its Arrow IPC stream files, in order, with their row counts. */
  tables: Record<string, Array<{ file: string; rows: number }>>;
  /** Saved column mappings and code tables. */
  presets: MappingPreset[];
  /** The rules the saved cube was built by (CUBE_VERSION); absent before 02/12/2026. */
  cubeVersion?: number;
}

export function emptyManifest(): Manifest {
  return { format: WORKSPACE_FORMAT, version: WORKSPACE_VERSION, generation: 0, savedAt: '', tables: {}, presets: [] };
}

/** Read and check a manifest; older versions would be migrated here. */
export function parseManifest(bytes: Uint8Array): Manifest {
  const m = JSON.parse(new TextDecoder().decode(bytes)) as Manifest;
  if (m.format !== WORKSPACE_FORMAT) throw new Error('not a Danso workspace (manifest.json has another format)');
  if (m.version > WORKSPACE_VERSION)
    throw new Error(`workspace version ${m.version} is newer than this program supports (${WORKSPACE_VERSION})`);
  m.presets ??= [];
  return m;
}
