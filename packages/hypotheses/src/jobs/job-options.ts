import { z } from 'zod';
import { cadenceSchema } from '../schedule/cadence';
import type { LearningJobContext } from '../schedule/create-learning-schedule';
import { learningKeySchema } from '../schedule/learning-run';

/** What every ready job takes besides its own dependencies. */
export const jobBaseSchema = z.object({
  /** The job's name on the schedule (unique per schedule); each job has a default. */
  name: learningKeySchema.optional(),
  cadence: cadenceSchema,
});

/** A function-valued option (zod cannot check a signature, only that it is callable). */
export const functionSchema = <T>(label: string) =>
  z.custom<T>((value) => typeof value === 'function', `Expected ${label}`);

/** An object with the named methods, e.g. an artifact registry or an outcome router. */
export const withMethods = <T>(label: string, ...methods: string[]) =>
  z.custom<T>(
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'),
    `Expected ${label} with ${methods.join(', ')}()`,
  );

export const dayMs = 86_400_000;

/** The `abortSignal` call option of a job run, left out when there is none. */
export const callOptions = (context: LearningJobContext) =>
  context.abortSignal ? { abortSignal: context.abortSignal } : {};
