import type { CanonicalTable } from '../model/schema.js';
import { fold } from './fold.js';

/**
 * How a source column is read into its canonical column.
 * id: a person identifier, pseudonymised; name: personal data, read and dropped;
 * age: an integer age (Tuổi chồng/vợ); count: a non-negative number (MIS values).
 */
export type FieldKind =
  | 'commune'
  | 'province'
  | 'text'
  | 'id'
  | 'name'
  | 'sex'
  | 'date'
  | 'int'
  | 'age'
  | 'yesno'
  | 'residence'
  | 'entry_reason'
  | 'exit_reason'
  | 'move_type'
  | 'method'
  | 'period'
  | 'element'
  | 'age_group'
  | 'count'
  | 'screening';

export interface FieldDef {
  /** Canonical English name (a column of the canonical table, except kind 'name'/'age'). */
  name: string;
  /** Vietnamese headers of formats.md and known variants. */
  headers: string[];
  required: boolean;
  kind: FieldKind;
}

const f = (name: string, headers: string[], kind: FieldKind, required = false): FieldDef => ({
  name,
  headers,
  required,
  kind,
});

/** The input contract of shared/formats.md, table by table. */
export const FIELDS: Record<CanonicalTable, FieldDef[]> = {
  nhan_khau: [
    f('province_code', ['Mã tỉnh'], 'province'),
    f('commune_code', ['Mã xã'], 'commune', true),
    f('village', ['Thôn/Tổ dân phố', 'Thôn', 'Tổ dân phố', 'Thôn/Tổ'], 'text'),
    f('household_id', ['Mã hộ', 'Số hộ'], 'text', true),
    f('person_id', ['Mã đối tượng', 'Mã người', 'Mã nhân khẩu'], 'id', true),
    f('full_name', ['Họ và tên', 'Họ tên'], 'name'),
    f('relation', ['Quan hệ với chủ hộ', 'Quan hệ'], 'text'),
    f('sex', ['Giới tính'], 'sex', true),
    f('birth_date', ['Ngày sinh'], 'date', true),
    f('ethnicity', ['Dân tộc'], 'text'),
    f('education', ['Trình độ học vấn', 'Học vấn'], 'text'),
    f('marital_status', ['Tình trạng hôn nhân', 'Hôn nhân'], 'text'),
    f('residence_status', ['Tình trạng cư trú', 'Cư trú'], 'residence'),
    f('entry_date', ['Ngày vào sổ'], 'date', true),
    f('entry_reason', ['Lý do vào sổ'], 'entry_reason'),
    f('exit_date', ['Ngày ra sổ'], 'date'),
    f('exit_reason', ['Lý do ra sổ'], 'exit_reason'),
    f('mother_id', ['Mã mẹ'], 'id'),
  ],
  sinh: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng', 'Mã trẻ'], 'id'),
    f('mother_id', ['Mã mẹ'], 'id', true),
    f('mother_birth_date', ['Ngày sinh mẹ', 'Ngày sinh của mẹ'], 'date'),
    f('birth_date', ['Ngày sinh'], 'date', true),
    f('sex', ['Giới tính'], 'sex', true),
    f('birth_order', ['Con thứ', 'Lần sinh thứ'], 'int'),
    f('birth_place', ['Nơi sinh'], 'text'),
    f('newborn_screening_date', ['Ngày sàng lọc sơ sinh'], 'date'),
    f('newborn_screening_diseases', ['Số bệnh sàng lọc sơ sinh'], 'screening'),
  ],
  chet: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng'], 'id', true),
    f('death_date', ['Ngày chết', 'Ngày mất'], 'date', true),
    f('sex', ['Giới tính'], 'sex'),
    f('birth_date', ['Ngày sinh'], 'date'),
  ],
  chuyen_cu: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng'], 'id', true),
    f('move_type', ['Loại', 'Loại chuyển', 'Loại di chuyển'], 'move_type', true),
    f('move_date', ['Ngày chuyển', 'Ngày chuyển đi/đến'], 'date', true),
    f('other_place', ['Nơi đi/đến', 'Nơi đi', 'Nơi đến'], 'text'),
  ],
  ket_hon: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('husband_id', ['Mã chồng'], 'id'),
    f('wife_id', ['Mã vợ'], 'id'),
    f('husband_birth_date', ['Ngày sinh chồng'], 'date'),
    f('wife_birth_date', ['Ngày sinh vợ'], 'date'),
    f('husband_age', ['Tuổi chồng'], 'age'),
    f('wife_age', ['Tuổi vợ'], 'age'),
    f('marriage_date', ['Ngày kết hôn', 'Ngày đăng ký kết hôn'], 'date', true),
    f('premarital_check', ['Khám sức khỏe trước kết hôn', 'Khám sức khoẻ trước kết hôn', 'Khám SKTKH'], 'yesno'),
    f('consanguineous', ['Cận huyết thống', 'Kết hôn cận huyết thống'], 'yesno'),
  ],
  mang_thai: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng'], 'id', true),
    f('pregnancy_date', ['Ngày phát hiện có thai', 'Ngày phát hiện'], 'date', true),
    f('prenatal_screening_date', ['Ngày sàng lọc trước sinh'], 'date'),
    f('prenatal_screening_diseases', ['Số bệnh sàng lọc trước sinh'], 'screening'),
  ],
  bptt: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng'], 'id', true),
    f('method', ['Biện pháp', 'Biện pháp tránh thai'], 'method', true),
    f('start_date', ['Ngày bắt đầu'], 'date', true),
    f('end_date', ['Ngày kết thúc'], 'date'),
    f('new_acceptor', ['Mới sử dụng', 'Người mới sử dụng'], 'yesno'),
  ],
  kham_nct: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('person_id', ['Mã đối tượng'], 'id', true),
    f('check_date', ['Ngày khám'], 'date', true),
  ],
  mis: [
    f('commune_code', ['Mã xã'], 'commune', true),
    f('period', ['Kỳ báo cáo', 'Kỳ'], 'period', true),
    f('element', ['Mã chỉ tiêu', 'Chỉ tiêu'], 'element', true),
    f('sex', ['Giới tính'], 'sex'),
    f('age_group', ['Nhóm tuổi'], 'age_group'),
    f('value', ['Giá trị', 'Số lượng'], 'count', true),
  ],
};

/** Folded header → field, for one table: Vietnamese headers and the canonical English name. */
const lookup = new Map<CanonicalTable, Map<string, FieldDef>>();
export function headerLookup(table: CanonicalTable): Map<string, FieldDef> {
  let m = lookup.get(table);
  if (!m) {
    m = new Map();
    for (const field of FIELDS[table]) {
      m.set(fold(field.name), field);
      for (const h of field.headers) if (!m.has(fold(h))) m.set(fold(h), field);
    }
    lookup.set(table, m);
  }
  return m;
}

/** Every folded header any table knows: helps judge which legacy encoding reads a file right. */
export function allKnownHeaders(): Set<string> {
  const s = new Set<string>();
  for (const t of Object.keys(FIELDS) as CanonicalTable[]) for (const k of headerLookup(t).keys()) s.add(k);
  return s;
}
