import type { WorkbenchPlatform } from '../../electron/platform-api.js';
import { createWebPlatform } from './web.js';

declare global {
  interface Window {
    workbench?: WorkbenchPlatform;
  }
}

/** The desktop shell's API when running in Electron, the browser's otherwise. */
export const platform: WorkbenchPlatform = window.workbench ?? createWebPlatform();
