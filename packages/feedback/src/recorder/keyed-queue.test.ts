import { describe, expect, it } from 'vitest';
import { createKeyedQueue } from './keyed-queue';

describe('createKeyedQueue', () => {
  it('runs tasks of one key in order, one at a time, and forgets idle keys', async () => {
    const queue = createKeyedQueue();
    const log: string[] = [];
    let release = () => {};
    const first = queue.run('a', async () => {
      log.push('a1 start');
      await new Promise<void>((resolve) => {
        release = resolve;
      });
      log.push('a1 end');
      return 1;
    });
    const second = queue.run('a', async () => {
      log.push('a2');
      return 2;
    });
    const other = queue.run('b', async () => {
      log.push('b1');
      return 3;
    });
    await other;
    expect(log).toEqual(['a1 start', 'b1']);
    release();
    expect(await Promise.all([first, second])).toEqual([1, 2]);
    expect(log).toEqual(['a1 start', 'b1', 'a1 end', 'a2']);
    await Promise.resolve();
    expect(queue.size()).toBe(0);
  });

  it('keeps going after a failed task', async () => {
    const queue = createKeyedQueue();
    const failed = queue.run('a', async () => Promise.reject(new Error('boom')));
    const next = queue.run('a', async () => 'ok');
    await expect(failed).rejects.toThrow('boom');
    await expect(next).resolves.toBe('ok');
  });
});
