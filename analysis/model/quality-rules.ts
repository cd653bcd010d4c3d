/**
 * The rules of the quality report. Each problem found on import is recorded with one of
 * these codes; fixtures' expected outcomes and tests refer to them by code.
 * error: the row is quarantined (kept in the quality report, not loaded).
 * warning: the row is loaded and the problem reported.
 * fatal: the file cannot be read at all; the workspace is left unchanged.
 */
export type Severity = 'error' | 'warning' | 'fatal';

export interface RuleDef {
  severity: Severity;
  vi: string;
  en: string;
}

export const QUALITY_RULES = {
  file_empty: { severity: 'fatal', vi: 'Tệp rỗng, không có dữ liệu', en: 'The file is empty' },
  file_binary: {
    severity: 'fatal',
    vi: 'Tệp không phải văn bản hay bảng tính (có thể bị đổi đuôi)',
    en: 'The file is not text or a spreadsheet (perhaps renamed)',
  },
  file_unrecognised: {
    severity: 'fatal',
    vi: 'Không nhận ra bảng nào từ tiêu đề cột',
    en: 'No known table matches the column headers',
  },
  row_malformed: {
    severity: 'error',
    vi: 'Dòng bị hỏng (thiếu cột hoặc bị cắt ngang)',
    en: 'Malformed row (missing columns or cut off)',
  },
  required_missing: { severity: 'error', vi: 'Thiếu trường bắt buộc', en: 'A required field is missing' },
  value_invalid: { severity: 'error', vi: 'Giá trị không hợp lệ', en: 'Invalid value' },
  date_invalid: { severity: 'error', vi: 'Ngày không hợp lệ', en: 'Invalid date' },
  date_partial: {
    severity: 'warning',
    vi: 'Ngày không đầy đủ, đã ước tính (năm → 1/7, tháng → ngày 15)',
    en: 'Partial date imputed (year → 1 July, month → the 15th)',
  },
  date_future: { severity: 'error', vi: 'Ngày ở tương lai', en: 'Date in the future' },
  date_order: {
    severity: 'error',
    vi: 'Thứ tự ngày sai (ví dụ chết trước khi sinh)',
    en: 'Dates out of order (e.g. death before birth)',
  },
  unknown_commune: {
    severity: 'error',
    vi: 'Mã xã không có trong danh mục đơn vị hành chính 2025',
    en: 'Commune code not in the 2025 administrative units',
  },
  commune_code_padded: {
    severity: 'warning',
    vi: 'Mã xã bị mất số 0 ở đầu, đã bổ sung',
    en: 'Commune code had lost its leading zeros; padded',
  },
  duplicate_row: { severity: 'error', vi: 'Dòng trùng lặp (cùng người, cùng sự kiện)', en: 'Duplicate row (same person, same event)' },
  mother_age_implausible: {
    severity: 'error',
    vi: 'Tuổi mẹ khi sinh không hợp lý (ngoài 10–55)',
    en: "Mother's age at the birth is implausible (outside 10–55)",
  },
  mother_unknown: {
    severity: 'warning',
    vi: 'Không tìm thấy mẹ trong sổ nhân khẩu',
    en: 'The mother is not on the register',
  },
  death_not_on_register: {
    severity: 'warning',
    vi: 'Người chết không có trong sổ nhân khẩu',
    en: 'The deceased person is not on the register',
  },
  mis_stock_flow_mismatch: {
    severity: 'warning',
    vi: 'Số liệu tồn và biến động giữa các kỳ không khớp nhau',
    en: 'Stocks and flows contradict each other between periods',
  },
  marriages_in_persons: {
    severity: 'error',
    vi: 'Số kết hôn được đếm theo người, không theo cặp',
    en: 'Marriages are counted in persons, not couples',
  },
  no_data_period: {
    severity: 'warning',
    vi: 'Không có dữ liệu cho xã/tháng này',
    en: 'No data for this commune and month',
  },
} as const satisfies Record<string, RuleDef>;

export type RuleCode = keyof typeof QUALITY_RULES;
