import type { Lang } from './format.js';

/** UI strings. Vietnamese is the default; every key has both languages. */
export const MESSAGES = {
  appName: { vi: 'Danso Workbench', en: 'Danso Workbench' },
  tagline: {
    vi: 'Chỉ tiêu dân số từ sổ A0 và báo cáo MIS — ngoại tuyến, dữ liệu không rời khỏi máy',
    en: 'Population indicators from A0 registers and MIS exports — offline, data never leaves this computer',
  },
  language: { vi: 'Ngôn ngữ', en: 'Language' },
  navHome: { vi: 'Tổng quan', en: 'Overview' },
  navImport: { vi: 'Nhập dữ liệu', en: 'Import' },
  loadingEngine: { vi: 'Đang khởi động bộ máy phân tích…', en: 'Starting the analysis engine…' },
  loadingDemo: { vi: 'Đang mở dữ liệu mẫu…', en: 'Opening the demo data…' },
  demoTitle: { vi: 'Dữ liệu mẫu: tỉnh mô phỏng', en: 'Demo data: a simulated province' },
  demoNote: {
    vi: 'Số liệu tổng hợp từ tệp mẫu (không phải dữ liệu thật). Nhập tệp của bạn ở mục "Nhập dữ liệu".',
    en: 'Figures from the bundled sample files (not real data). Import your own files under "Import".',
  },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  communeCode: { vi: 'Mã xã', en: 'Code' },
  year: { vi: 'Năm', en: 'Year' },
  population: { vi: 'Dân số (31/12)', en: 'Population (31 Dec)' },
  births: { vi: 'Số trẻ sinh ra', en: 'Births' },
  deaths: { vi: 'Số người chết', en: 'Deaths' },
  total: { vi: 'Toàn tỉnh', en: 'Province total' },
  error: { vi: 'Lỗi', en: 'Error' },
  chooseFiles: { vi: 'Chọn tệp…', en: 'Choose files…' },
  dropHere: {
    vi: 'Kéo thả tệp CSV, XLSX, XLS vào đây, hoặc bấm "Chọn tệp…"',
    en: 'Drop CSV, XLSX or XLS files here, or press "Choose files…"',
  },
} satisfies Record<string, Record<Lang, string>>;

export type MessageKey = keyof typeof MESSAGES;

export function t(key: MessageKey, lang: Lang): string {
  return MESSAGES[key][lang];
}
