/**
 * Runs tasks one at a time per key, in call order; different keys run concurrently. The recorder
 * queues writes per trace so that its own concurrent calls never race each other's
 * compare-and-set (which then only guards against other processes).
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  /** Runs `task` once the tasks queued on every key are done, and queues it on all of them. */
  const runAll = <Result>(keys: readonly string[], task: () => Promise<Result>) => {
    // Tails never reject, so this waits for every one of them.
    const previous = Promise.all(keys.map((key) => tails.get(key)));
    const result = previous.then(task);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    for (const key of keys) tails.set(key, tail);
    // Forget the keys once nothing is queued behind this task: the map stays small.
    void tail.then(() => {
      for (const key of keys) if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
  return {
    run: <Result>(key: string, task: () => Promise<Result>): Promise<Result> => runAll([key], task),
    runAll,
    /** Keys with queued or running tasks. */
    size: () => tails.size,
  };
}
