/**
 * Runs tasks one at a time per key, in call order; different keys run concurrently. The recorder
 * queues writes per trace so that its own concurrent calls never race each other's
 * compare-and-set (which then only guards against other processes).
 */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run<Result>(key: string, task: () => Promise<Result>): Promise<Result> {
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.then(task, task);
      const tail = result.then(
        () => undefined,
        () => undefined,
      );
      tails.set(key, tail);
      // Forget the key once nothing is queued behind this task: the map stays small.
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    /** Keys with queued or running tasks. */
    size: () => tails.size,
  };
}
