import { StoreUnavailableError } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { retryOnSerializationFailure } from './retry-on-serialization-failure';

const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

describe('retryOnSerializationFailure', () => {
  it('reruns a statement that lost a serialization race or a deadlock, also when wrapped', async () => {
    const failures = [
      sqlError('40001'),
      sqlError('40P01'),
      new StoreUnavailableError({ operation: 'increment', cause: sqlError('40001') }),
    ];
    let calls = 0;
    const result = await retryOnSerializationFailure(async () => {
      const failure = failures[calls++];
      if (failure) throw failure;
      return 'done';
    });
    expect({ result, calls }).toEqual({ result: 'done', calls: 4 });
  });

  it('rethrows other errors at once, and a serialization failure that keeps coming', async () => {
    const unique = sqlError('23505');
    let calls = 0;
    await expect(
      retryOnSerializationFailure(async () => {
        calls++;
        throw unique;
      }),
    ).rejects.toBe(unique);
    expect(calls).toBe(1);
    calls = 0;
    const lost = sqlError('40001');
    await expect(
      retryOnSerializationFailure(async () => {
        calls++;
        throw lost;
      }),
    ).rejects.toBe(lost);
    expect(calls).toBe(10);
  });
});
