import { describe, expect, it } from 'vitest';
import { writeOnce } from './write-once';

/** A promise with its resolve function, to step through a write by hand. */
function deferred<T = void>() {
  let resolve: (value: T) => void = () => {};
  const promise = new Promise<T>((done) => (resolve = done));
  return { promise, resolve };
}

describe('writeOnce', () => {
  it('runs the work as is without a signal, and not at all when already aborted', async () => {
    const write = async (send: () => void) => {
      send();
      return 'written';
    };
    expect(await writeOnce(undefined, write)).toBe('written');
    let ran = false;
    const reason = new Error('gave up');
    await expect(
      writeOnce(AbortSignal.abort(reason), async () => {
        ran = true;
      }),
    ).rejects.toBe(reason);
    expect(ran).toBe(false);
  });

  it('rejects at once on an abort before the write is sent, and the work can no longer send', async () => {
    const controller = new AbortController();
    const connection = deferred();
    let written = false;
    let work: Promise<unknown> = Promise.resolve();
    const pending = writeOnce(controller.signal, (send) => {
      work = (async () => {
        await connection.promise; // e.g. waiting for a pool connection
        send();
        written = true;
      })();
      return work as Promise<void>;
    });
    const reason = new Error('gave up');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
    connection.resolve();
    await expect(work).rejects.toBe(reason);
    expect(written).toBe(false);
  });

  it('resolves with what was written when the abort comes after the write was sent', async () => {
    const controller = new AbortController();
    const reply = deferred<number>();
    const pending = writeOnce(controller.signal, async (send) => {
      send();
      return reply.promise;
    });
    await Promise.resolve();
    controller.abort(new Error('too late'));
    reply.resolve(42);
    expect(await pending).toBe(42);
  });
});
