import { describe, expect, it } from 'vitest';
import { allKnownHeaders } from '../../../analysis/ingest/fields.js';
import { decodeAs, detectEncoding, sniffContainer } from '../../../analysis/ingest/decode.js';
import { encode1258, encodeTcvn3, utf8 } from './helpers.js';

const TEXT = 'Mã xã,Giới tính,Ngày sinh,Dân tộc\n04465,Nữ,01/02/1990,Hmông\n04465,Nam,1985,Tày\n';
const known = allKnownHeaders();

describe('decoding', () => {
  it('reads UTF-8 with and without BOM', () => {
    expect(detectEncoding(utf8(TEXT), known)).toBe('utf-8');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(TEXT)]);
    expect(detectEncoding(bom, known)).toBe('utf-8-bom');
    expect(decodeAs(bom, 'utf-8-bom')).toBe(TEXT);
  });
  it('reads UTF-16 LE with BOM', () => {
    const u16 = new Uint8Array(2 + TEXT.length * 2);
    u16.set([0xff, 0xfe]);
    for (let i = 0; i < TEXT.length; i++) new DataView(u16.buffer).setUint16(2 + 2 * i, TEXT.charCodeAt(i), true);
    expect(detectEncoding(u16, known)).toBe('utf-16le');
    expect(decodeAs(u16, 'utf-16le')).toBe(TEXT);
    expect(sniffContainer(u16)).toBe('text');
  });
  it('tells Windows-1258 (decomposed tones) from TCVN3 and normalises to NFC', () => {
    const w = encode1258(TEXT);
    expect(w.includes(0xde)).toBe(true); // the combining tilde of "Mã"
    expect(detectEncoding(w, known)).toBe('windows-1258');
    expect(decodeAs(w, 'windows-1258')).toBe(TEXT.normalize('NFC'));
    const t = encodeTcvn3(TEXT);
    expect(detectEncoding(t, known)).toBe('tcvn3');
    expect(decodeAs(t, 'tcvn3')).toBe(TEXT);
  });
  it('tells legacy encodings apart from the data when headers are ASCII', () => {
    const ascii = 'ma_xa,dan_toc\n04465,Hmông\n04465,Tày\n04465,Thái\n04465,Mường\n';
    expect(detectEncoding(encode1258(ascii), known)).toBe('windows-1258');
    expect(detectEncoding(encodeTcvn3(ascii), known)).toBe('tcvn3');
  });
  it('recognises containers', () => {
    expect(sniffContainer(new Uint8Array())).toBe('empty');
    expect(sniffContainer(new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toBe('xlsx');
    expect(sniffContainer(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]))).toBe('xls');
    expect(sniffContainer(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]))).toBe('binary');
  });
});
