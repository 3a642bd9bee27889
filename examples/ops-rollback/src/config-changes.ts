import { parseInput } from '@guardloop/core';
import { z } from 'zod';

export const configChangeSchema = z.object({
  id: z.string().min(1),
  service: z.string().min(1),
  /** Epoch ms when the new value took effect. */
  at: z.number().int().nonnegative(),
  by: z.string().min(1),
  description: z.string().min(1),
});

export type ConfigChange = z.output<typeof configChangeSchema>;
export type ConfigChangeInput = z.input<typeof configChangeSchema>;

export interface ConfigChanges {
  /** @throws InvalidInputError (`invalid_input`) for a malformed change */
  record(input: ConfigChangeInput): ConfigChange;
  /** Changes of any service with `from <= at <= to`, oldest first. */
  between(from: number, to: number): ConfigChange[];
}

/** A toy config audit log: the other kind of change, besides deploys, that can cause an incident. */
export function createConfigChanges(): ConfigChanges {
  const changes: ConfigChange[] = [];
  return {
    record(input) {
      const change = parseInput(configChangeSchema, input, 'config change');
      changes.push(change);
      return { ...change };
    },
    between: (from, to) =>
      changes
        .filter((change) => change.at >= from && change.at <= to)
        .sort((a, b) => a.at - b.at)
        .map((change) => ({ ...change })),
  };
}
