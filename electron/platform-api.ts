/**
 * The API the preload exposes to the renderer as `window.workbench`, and that the web build
 * implements with browser APIs. Types only: shared by electron/ and renderer/.
 */
export interface ChosenFile {
  /** Opaque handle: the renderer never sees a path. */
  id: string;
  name: string;
  size: number;
}

export interface FileFilter {
  name: string;
  extensions: string[];
}

/** Read/write inside the workspace folder the user chose; names are relative, no "..". */
export interface WorkspaceFiles {
  read(name: string): Promise<Uint8Array | null>;
  /** Atomic: the file is either the old content or the new, never a mix. */
  write(name: string, bytes: Uint8Array): Promise<void>;
  list(): Promise<string[]>;
  remove(name: string): Promise<void>;
}

export type MenuCommand =
  | 'open-files'
  | 'open-workspace'
  | 'save-workspace'
  | 'print-pdf'
  | 'language-vi'
  | 'language-en'
  | 'about';

export interface WorkbenchPlatform {
  kind: 'electron' | 'web';
  chooseFiles(options?: { multiple?: boolean; filters?: FileFilter[] }): Promise<ChosenFile[]>;
  readFile(id: string): Promise<Uint8Array>;
  /** Ask the user for a workspace folder; null when cancelled. */
  chooseWorkspace(): Promise<{ name: string } | null>;
  /** The workspace the app was started on (a double-clicked .danso file), if any. */
  initialWorkspace(): Promise<{ name: string } | null>;
  workspace: WorkspaceFiles;
  /** Save bytes where the user chooses; false when cancelled. */
  saveFile(suggestedName: string, bytes: Uint8Array, filters?: FileFilter[]): Promise<boolean>;
  /** Print the current view to a PDF the user places; false when cancelled. */
  printToPdf(suggestedName: string): Promise<boolean>;
  /** Tell the shell the UI language (the application menu follows it). */
  setLanguage(lang: 'vi' | 'en'): void;
  /** Menu commands from the shell; returns an unsubscribe function. */
  onMenu(listener: (command: MenuCommand) => void): () => void;
}

/** The file a workspace folder carries so the desktop can open it with a double click. */
export const WORKSPACE_MARKER = 'workspace.danso';

/** IPC channel names, in one place so main and preload cannot drift. */
export const IPC = {
  chooseFiles: 'workbench:choose-files',
  readFile: 'workbench:read-file',
  chooseWorkspace: 'workbench:choose-workspace',
  initialWorkspace: 'workbench:initial-workspace',
  wsRead: 'workbench:ws-read',
  wsWrite: 'workbench:ws-write',
  wsList: 'workbench:ws-list',
  wsRemove: 'workbench:ws-remove',
  saveFile: 'workbench:save-file',
  printToPdf: 'workbench:print-pdf',
  setLanguage: 'workbench:set-language',
  menu: 'workbench:menu',
} as const;
