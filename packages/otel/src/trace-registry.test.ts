import { describe, expect, it } from 'vitest';
import { createBoundedMap } from './trace-registry';

describe('createBoundedMap', () => {
  it('keeps the last max keys and hands the dropped values to onEvict', () => {
    const evicted: number[] = [];
    const map = createBoundedMap<number>(2, (value) => evicted.push(value));
    map.set('a', 1);
    map.set('b', 2);
    map.set('a', 10); // known: replaced in place, not a new entry
    map.set('c', 3);
    expect(map.get('a')).toBeUndefined();
    expect(evicted).toEqual([10]);
    expect([map.get('b'), map.get('c')]).toEqual([2, 3]);
    for (let index = 0; index < 1000; index++) map.set(`k${index}`, index);
    expect(map.get('k999')).toBe(999);
    expect(map.get('k997')).toBeUndefined();
    expect(evicted).toHaveLength(1001);
  });
});

describe('createBoundedMap lookups', () => {
  it('answers a repeated lookup from the last hit, and forgets it when it is replaced or evicted', () => {
    const map = createBoundedMap<number>(2);
    map.set('a', 1);
    expect(map.get('a')).toBe(1);
    map.set('a', 2);
    expect(map.get('a')).toBe(2);
    expect(map.get('missing')).toBeUndefined();
    expect(map.get('a')).toBe(2);
    map.set('b', 3);
    map.set('c', 4);
    expect(map.get('a')).toBeUndefined();
    expect(map.get('c')).toBe(4);
  });
});
