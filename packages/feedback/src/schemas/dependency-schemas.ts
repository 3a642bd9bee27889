import { z } from 'zod';
import type { FeedbackStore } from '../store/feedback-store';

const hasMethods = (value: unknown, methods: readonly string[]) =>
  typeof value === 'object' &&
  value !== null &&
  methods.every((method) => typeof (value as Record<string, unknown>)[method] === 'function');

/** Structural checks for injected collaborators, so a wrong option fails at construction. */
export const feedbackStoreSchema = z.custom<FeedbackStore>(
  (value) => hasMethods(value, ['commitOutcome', 'getTrace', 'queryAggregates', 'listOutcomes']),
  'Expected a FeedbackStore (e.g. createMemoryFeedbackStore())',
);

/** A source of uniform numbers in [0, 1), e.g. `createSeededRandom(seed)`. */
export const randomSchema = z.custom<() => number>(
  (value) => typeof value === 'function',
  'Expected a function returning numbers in [0, 1)',
);
