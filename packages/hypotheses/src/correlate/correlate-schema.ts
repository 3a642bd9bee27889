import { signalSchema } from '@guardloop/core';
import { z } from 'zod';

const key = z.string().min(1).max(200);
const epochMs = z.number().int().nonnegative();

export const changeKinds = ['deploy', 'config', 'flag', 'certificate', 'other'] as const;
export type ChangeKind = (typeof changeKinds)[number];

/** Something that changed in the system: a deploy, a config change, a flag flip, a certificate rotation. */
export const changeEventSchema = z.strictObject({
  id: key,
  kind: z.enum(changeKinds),
  /** When it took effect (epoch ms). */
  at: epochMs,
  service: key.optional(),
  component: key.optional(),
  description: z.string().optional(),
});

export type ChangeEvent = z.output<typeof changeEventSchema>;

/** One metric series, in time order. A series without service or component applies to every change. */
export const metricSeriesSchema = z.strictObject({
  name: key,
  service: key.optional(),
  component: key.optional(),
  points: z
    .array(z.strictObject({ at: epochMs, value: z.number().finite() }))
    .superRefine((points, context) => {
      for (let index = 1; index < points.length; index++) {
        if ((points[index]?.at ?? 0) < (points[index - 1]?.at ?? 0)) {
          context.addIssue({
            code: 'custom',
            path: [index, 'at'],
            message: 'Points must be in time order',
          });
          return;
        }
      }
    }),
});

export type MetricSeries = z.output<typeof metricSeriesSchema>;

export const correlateInputSchema = z.strictObject({
  signal: signalSchema,
  changes: z.array(changeEventSchema),
  metrics: z.array(metricSeriesSchema).default([]),
  /** How far back from `now` a change may explain the signal; also the span compared before it. */
  windowMs: z.number().int().positive(),
  /** End of the window (epoch ms); default the signal's `occurredAt`. */
  now: epochMs.optional(),
  /** The signal's service and component; default `signal.payload.service` / `.component`. */
  scope: z.strictObject({ service: key.optional(), component: key.optional() }).optional(),
  /** |z| at which a mean shift counts (default 3). */
  threshold: z.number().positive().optional(),
  /** How long after a change its metric may shift and still count (default windowMs / 10). */
  lagMs: z.number().int().positive().optional(),
  /** Points needed on each side of a change point (default 3). */
  minPoints: z.number().int().min(2).optional(),
});

export type CorrelateInput = z.input<typeof correlateInputSchema>;
