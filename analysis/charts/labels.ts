export type ChartLang = 'vi' | 'en';

const L = {
  year: { vi: 'Năm', en: 'Year' },
  period: { vi: 'Kỳ', en: 'Period' },
  value: { vi: 'Giá trị', en: 'Value' },
  lower: { vi: 'Cận dưới 95%', en: '95% lower' },
  upper: { vi: 'Cận trên 95%', en: '95% upper' },
  interval: { vi: 'KTC 95%', en: '95% CI' },
  target: { vi: 'Chỉ tiêu', en: 'Target' },
  unit: { vi: 'Đơn vị', en: 'Unit' },
  commune: { vi: 'Xã/phường', en: 'Commune' },
  denominator: { vi: 'Mẫu số', en: 'Denominator' },
  allBirths: { vi: 'Số trẻ sinh ra (trai + gái)', en: 'Births (boys + girls)' },
  sampleSize: { vi: 'Cỡ mẫu', en: 'Sample size' },
  numerator: { vi: 'Tử số', en: 'Numerator' },
  province: { vi: 'Toàn tỉnh', en: 'Province' },
  limit95: { vi: 'Giới hạn 95%', en: '95% limits' },
  limit998: { vi: 'Giới hạn 99,8%', en: '99.8% limits' },
  flag: { vi: 'Ít sự kiện (< 20)', en: 'Few events (< 20)' },
  ageGroup: { vi: 'Nhóm tuổi', en: 'Age group' },
  sex: { vi: 'Giới tính', en: 'Sex' },
  male: { vi: 'Nam', en: 'Male' },
  female: { vi: 'Nữ', en: 'Female' },
  persons: { vi: 'Số người', en: 'Persons' },
  noData: { vi: 'Không có số liệu', en: 'No data' },
  outside: { vi: 'Ngoài giới hạn', en: 'Outside limits' },
} as const;

export type LabelKey = keyof typeof L;

export function label(key: LabelKey, lang: ChartLang): string {
  return L[key][lang];
}

/** d3-format locale for Vega: 72,4 and 94.323 in Vietnamese. */
export const VI_FORMAT_LOCALE = { decimal: ',', thousands: '.', grouping: [3], currency: ['', ' ₫'] };
export const EN_FORMAT_LOCALE = { decimal: '.', thousands: ',', grouping: [3], currency: ['', ''] };
