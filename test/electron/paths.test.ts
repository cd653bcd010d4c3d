import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { PathRefused, resolveInside } from '../../electron/paths.js';

describe('resolveInside', () => {
  const root = '/data/ws';

  it('resolves names inside the chosen folder', () => {
    expect(resolveInside(root, 'manifest.json')).toBe(join(root, 'manifest.json'));
    expect(resolveInside(root, 'tables/sinh.arrow')).toBe(join(root, 'tables', 'sinh.arrow'));
  });

  it.each([
    '../outside.txt',
    'tables/../../outside.txt',
    '/etc/passwd',
    'C:\\Windows\\system.ini',
    'c:/x',
    '\\\\server\\share\\x',
    'tables//x',
    '',
    'a\0b',
    '..',
  ])('refuses %j', (name) => {
    expect(() => resolveInside(root, name)).toThrow(PathRefused);
  });

  it('refuses values that are not strings', () => {
    expect(() => resolveInside(root, 42)).toThrow(PathRefused);
    expect(() => resolveInside(root, { toString: () => 'x' })).toThrow(PathRefused);
  });
});
