import { describe, expect, it } from 'vitest';
import { createBoundedMap } from './bounded-map';

describe('createBoundedMap', () => {
  it('evicts the oldest entries beyond its size, and a re-set entry becomes the newest', () => {
    const map = createBoundedMap<number>(2);
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 3);
    map.set('c', 4);
    expect(map.size).toBe(2);
    expect(map.get('b')).toBeUndefined();
    expect(map.take('a')).toBe(3);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('c')).toBe(4);
  });
});
