import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';

/**
 * The crash-test action: its effect is a marker file. In the child, `do` writes the marker,
 * says so on stdout, then hangs until the test kills the process.
 */
export function createMarkerAction({ hangAfterWriting }: { hangAfterWriting: boolean }) {
  return defineAction({
    name: 'write_marker',
    input: z.object({ path: z.string().min(1) }),
    reversible: true,
    snapshot: (input) => ({ existed: existsSync(input.path) }),
    do: async (input) => {
      writeFileSync(input.path, 'written');
      if (!hangAfterWriting) return { path: input.path };
      console.log('marker-written');
      // An unresolved promise alone would let Node exit; the interval keeps it alive.
      setInterval(() => {}, 1_000);
      return new Promise<never>(() => {});
    },
    undo: (input) => rmSync(input.path, { force: true }),
    isComplete: (input) => existsSync(input.path),
  });
}
