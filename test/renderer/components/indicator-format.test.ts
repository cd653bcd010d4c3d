import { describe, expect, it } from 'vitest';
import { periodText } from '../../../renderer/components/indicator-format.js';

describe('periods as the views write them', () => {
  it('writes a pooled window with an en dash and leaves years, quarters and months alone', () => {
    expect(periodText('2023-2025')).toBe('2023–2025');
    expect(periodText('2024')).toBe('2024');
    expect(periodText('2024-Q2')).toBe('2024-Q2');
    expect(periodText('2024-05')).toBe('2024-05');
  });
});
