/**
 * Fold text for matching: lower case, no diacritics, đ → d, only letters and digits.
 * "Mã xã", "MA XA", "ma_xa" all fold to "maxa" (formats.md: headers match case-, space-
 * and diacritic-insensitively).
 */
export function fold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

/** Like fold, but keeps word boundaries as single spaces (for periods such as "Quý II/2024"). */
export function foldWords(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}
