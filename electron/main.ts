import { app, BrowserWindow, dialog, ipcMain, Menu, net, protocol, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHandlers } from './handlers.js';
import { workspaceFromArgs } from './launch-path.js';
import { menuTemplate } from './menu.js';
import { IPC, type MenuCommand } from './platform-api.js';
import { APP_ORIGIN, APP_SCHEME, CONTENT_SECURITY_POLICY, isAppUrl, mainWindowOptions } from './security.js';

// Must run before `ready`: lets app:// behave like https (fetch, workers, wasm streaming).
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, stream: true } },
]);

const distDir = join(app.getAppPath(), 'dist');
let mainWindow: BrowserWindow | null = null;
let language: 'vi' | 'en' = 'vi';

function sendMenu(command: MenuCommand) {
  mainWindow?.webContents.send(IPC.menu, command);
}

function setMenu() {
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(language, sendMenu)));
}

/** Serve the built renderer from disk under app://danso/, with the CSP on every response. */
function serveApp() {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    const file = normalize(join(distDir, rel));
    if (!file.startsWith(distDir + sep)) return new Response('Forbidden', { status: 403 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    headers.set('X-Content-Type-Options', 'nosniff');
    if (file.endsWith('.wasm')) headers.set('Content-Type', 'application/wasm');
    return new Response(response.body, { status: response.status, headers });
  });
}

function lockDownSession() {
  const ses = session.defaultSession;
  // Nothing leaves the machine: refuse every request that is not the app's own files.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const ok = details.url.startsWith(`${APP_ORIGIN}/`) || /^(blob|data|devtools|chrome-extension):/.test(details.url);
    callback({ cancel: !ok });
  });
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
}

function registerIpc(window: BrowserWindow) {
  const handlers = createHandlers(
    {
      async showOpenFiles(multiple, filters) {
        const r = await dialog.showOpenDialog(window, {
          properties: multiple ? ['openFile', 'multiSelections'] : ['openFile'],
          filters,
        });
        return r.canceled ? [] : r.filePaths;
      },
      async showOpenFolder() {
        const r = await dialog.showOpenDialog(window, { properties: ['openDirectory', 'createDirectory'] });
        return r.canceled ? null : (r.filePaths[0] ?? null);
      },
      async showSave(defaultPath, filters) {
        const r = await dialog.showSaveDialog(window, { defaultPath, filters });
        return r.canceled ? null : (r.filePath ?? null);
      },
      async printCurrentView() {
        return new Uint8Array(await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' }));
      },
      setLanguage(lang) {
        language = lang;
        setMenu();
      },
    },
    workspaceFromArgs(process.argv),
  );
  for (const [channel, handler] of Object.entries(handlers)) {
    ipcMain.handle(channel, (event, ...args: unknown[]) => {
      // Only our own page may call the shell.
      if (!isAppUrl(event.senderFrame?.url ?? '')) throw new Error('Refused: unknown sender');
      return (handler as (...a: unknown[]) => Promise<unknown>)(...args);
    });
  }
}

function createWindow() {
  const window = new BrowserWindow(mainWindowOptions(join(app.getAppPath(), 'out', 'electron', 'preload.cjs')));
  mainWindow = window;
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  registerIpc(window);
  void window.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_e, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

void app.whenReady().then(() => {
  lockDownSession();
  serveApp();
  setMenu();
  createWindow();
});

app.on('window-all-closed', () => app.quit());
