import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type MenuCommand, type WorkbenchPlatform } from './platform-api.js';

// The only bridge between the sandboxed page and the shell: typed calls, no raw ipcRenderer.
const api: WorkbenchPlatform = {
  kind: 'electron',
  chooseFiles: (options) => ipcRenderer.invoke(IPC.chooseFiles, options),
  readFile: (id) => ipcRenderer.invoke(IPC.readFile, id),
  chooseWorkspace: () => ipcRenderer.invoke(IPC.chooseWorkspace),
  initialWorkspace: () => ipcRenderer.invoke(IPC.initialWorkspace),
  workspace: {
    read: (name) => ipcRenderer.invoke(IPC.wsRead, name),
    write: (name, bytes) => ipcRenderer.invoke(IPC.wsWrite, name, bytes),
    list: () => ipcRenderer.invoke(IPC.wsList),
    remove: (name) => ipcRenderer.invoke(IPC.wsRemove, name),
  },
  saveFile: (name, bytes, filters) => ipcRenderer.invoke(IPC.saveFile, name, bytes, filters),
  printToPdf: (name) => ipcRenderer.invoke(IPC.printToPdf, name),
  setLanguage: (lang) => void ipcRenderer.invoke(IPC.setLanguage, lang),
  onMenu: (listener) => {
    const handler = (_event: unknown, command: MenuCommand) => listener(command);
    ipcRenderer.on(IPC.menu, handler);
    return () => ipcRenderer.removeListener(IPC.menu, handler);
  },
};

contextBridge.exposeInMainWorld('workbench', api);
