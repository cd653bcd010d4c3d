import type { Workspace } from '../workspace/workspace.js';
import { headerSignature, type ColumnMapping, type MappingPreset } from './mapping.js';

/**
 * Save a confirmed mapping (with its code tables) as a named preset; later files with the
 * same headers get it automatically. Persisted with the workspace's next save.
 */
export function saveMappingPreset(ws: Workspace, name: string, headers: string[], mapping: ColumnMapping): MappingPreset {
  const preset: MappingPreset = { name, signature: headerSignature(headers), mapping, savedAt: new Date().toISOString() };
  ws.addPreset(preset);
  return preset;
}
