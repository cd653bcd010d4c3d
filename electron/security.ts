import type { BrowserWindowConstructorOptions } from 'electron';

/** The app's origin: files are served by a custom protocol, never from the network. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://danso`;

/**
 * Strict CSP: only the app's own files; 'wasm-unsafe-eval' lets duckdb-wasm compile its
 * module, blob: workers are how it starts its worker; Vega runs through vega-interpreter,
 * so eval stays forbidden. Inline styles are needed by React style props and Vega's tooltips.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self' blob: data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Options of the main window: the renderer gets no Node, no Electron, only the preload API. */
export function mainWindowOptions(preloadPath: string, title = 'Danso Workbench'): BrowserWindowConstructorOptions {
  return {
    width: 1360,
    height: 900,
    minWidth: 960,
    minHeight: 640,
    title,
    show: false,
    backgroundColor: '#ffffff',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** Only the app's own pages may be shown in the window. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === 'danso';
  } catch {
    return false;
  }
}
