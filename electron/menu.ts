import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand } from './platform-api.js';

const LABELS = {
  vi: {
    file: 'Tệp',
    openFiles: 'Nhập tệp dữ liệu…',
    openWorkspace: 'Mở thư mục làm việc…',
    saveWorkspace: 'Lưu thư mục làm việc',
    printPdf: 'In ra PDF…',
    quit: 'Thoát',
    edit: 'Sửa',
    undo: 'Hoàn tác',
    redo: 'Làm lại',
    cut: 'Cắt',
    copy: 'Sao chép',
    paste: 'Dán',
    selectAll: 'Chọn tất cả',
    view: 'Xem',
    reload: 'Tải lại',
    zoomIn: 'Phóng to',
    zoomOut: 'Thu nhỏ',
    resetZoom: 'Cỡ thực',
    fullscreen: 'Toàn màn hình',
    language: 'Ngôn ngữ',
    help: 'Trợ giúp',
    about: 'Giới thiệu Danso Workbench',
  },
  en: {
    file: 'File',
    openFiles: 'Import data files…',
    openWorkspace: 'Open workspace folder…',
    saveWorkspace: 'Save workspace',
    printPdf: 'Print to PDF…',
    quit: 'Quit',
    edit: 'Edit',
    undo: 'Undo',
    redo: 'Redo',
    cut: 'Cut',
    copy: 'Copy',
    paste: 'Paste',
    selectAll: 'Select all',
    view: 'View',
    reload: 'Reload',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    resetZoom: 'Actual size',
    fullscreen: 'Full screen',
    language: 'Language',
    help: 'Help',
    about: 'About Danso Workbench',
  },
} as const;

/** The application menu in the UI's language; `send` forwards a command to the renderer. */
export function menuTemplate(lang: 'vi' | 'en', send: (command: MenuCommand) => void): MenuItemConstructorOptions[] {
  const t = LABELS[lang];
  return [
    {
      label: t.file,
      submenu: [
        { label: t.openFiles, accelerator: 'CmdOrCtrl+O', click: () => send('open-files') },
        { label: t.openWorkspace, accelerator: 'CmdOrCtrl+Shift+O', click: () => send('open-workspace') },
        { label: t.saveWorkspace, accelerator: 'CmdOrCtrl+S', click: () => send('save-workspace') },
        { type: 'separator' },
        { label: t.printPdf, accelerator: 'CmdOrCtrl+P', click: () => send('print-pdf') },
        { type: 'separator' },
        { label: t.quit, role: 'quit' },
      ],
    },
    {
      label: t.edit,
      submenu: [
        { label: t.undo, role: 'undo' },
        { label: t.redo, role: 'redo' },
        { type: 'separator' },
        { label: t.cut, role: 'cut' },
        { label: t.copy, role: 'copy' },
        { label: t.paste, role: 'paste' },
        { label: t.selectAll, role: 'selectAll' },
      ],
    },
    {
      label: t.view,
      submenu: [
        { label: t.reload, role: 'reload' },
        { type: 'separator' },
        { label: t.zoomIn, role: 'zoomIn' },
        { label: t.zoomOut, role: 'zoomOut' },
        { label: t.resetZoom, role: 'resetZoom' },
        { type: 'separator' },
        { label: t.fullscreen, role: 'togglefullscreen' },
      ],
    },
    {
      label: t.language,
      submenu: [
        { label: 'Tiếng Việt', type: 'radio', checked: lang === 'vi', click: () => send('language-vi') },
        { label: 'English', type: 'radio', checked: lang === 'en', click: () => send('language-en') },
      ],
    },
    { label: t.help, submenu: [{ label: t.about, click: () => send('about') }] },
  ];
}
