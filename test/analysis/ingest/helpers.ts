import iconv from 'iconv-lite';
import { createNodeEngine } from '../../../analysis/engine/node.js';
import { MemoryStore } from '../../../analysis/workspace/store.js';
import { Workspace } from '../../../analysis/workspace/workspace.js';

export const utf8 = (s: string) => new TextEncoder().encode(s);

/** Windows-1258 bytes the way Vietnamese Windows writes them: base letter + combining tone mark. */
export function encode1258(s: string): Uint8Array {
  const out: number[] = [];
  for (const ch of s.normalize('NFC')) {
    const direct = iconv.encode(ch, 'windows1258');
    if (direct.length === 1 && (direct[0] !== 0x3f || ch === '?')) {
      out.push(direct[0]!);
      continue;
    }
    const d = ch.normalize('NFD');
    const tone = [...d].find((c) => /[\u0300\u0301\u0303\u0309\u0323]/.test(c));
    const base = [...d].filter((c) => c !== tone).join('').normalize('NFC');
    out.push(...iconv.encode(base, 'windows1258'));
    if (tone) out.push(...iconv.encode(tone, 'windows1258'));
  }
  return new Uint8Array(out);
}

export const encodeTcvn3 = (s: string) => new Uint8Array(iconv.encode(s.normalize('NFC'), 'tcvn'));

export async function memoryWorkspace(): Promise<Workspace> {
  return Workspace.open(new MemoryStore(), await createNodeEngine());
}

export const NK_HEADER =
  'Mã tỉnh,Mã xã,Thôn/Tổ dân phố,Mã hộ,Mã đối tượng,Họ và tên,Quan hệ với chủ hộ,Giới tính,Ngày sinh,Dân tộc,Trình độ học vấn,Tình trạng hôn nhân,Tình trạng cư trú,Ngày vào sổ,Lý do vào sổ,Ngày ra sổ,Lý do ra sổ,Mã mẹ';

/** A register row of commune 04465 (a real 2025 code) with the given fields changed. */
export function nkRow(o: Partial<Record<'commune' | 'hh' | 'id' | 'sex' | 'birth' | 'res' | 'entry' | 'exit' | 'exitReason' | 'mother', string>>): string {
  return [
    '15', o.commune ?? '04465', 'Thôn 1', o.hh ?? 'H1', o.id ?? 'P1', 'Nguyễn Thị A', 'Chủ hộ', o.sex ?? 'Nữ', o.birth ?? '05/03/1990',
    'Kinh', '', 'Có vợ/chồng', o.res ?? 'Thường trú', o.entry ?? '01/01/2021', 'Mở sổ', o.exit ?? '', o.exitReason ?? '', o.mother ?? '',
  ].join(',');
}
