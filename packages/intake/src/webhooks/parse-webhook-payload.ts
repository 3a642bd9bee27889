import { describeThrown, toInputIssues } from '@guardloop/core/internal';
import type { z } from 'zod';
import { InvalidWebhookPayloadError } from '../errors/invalid-webhook-payload-error';

/** Parses the fields a mapper uses; anything else in the payload is ignored. */
export function parseWebhookPayload<Schema extends z.ZodType>(
  vendor: string,
  schema: Schema,
  payload: unknown,
): z.output<Schema> {
  let result: z.ZodSafeParseResult<z.output<Schema>>;
  try {
    result = schema.safeParse(payload) as z.ZodSafeParseResult<z.output<Schema>>;
  } catch (error) {
    const message = `cannot be read (${describeThrown(error)})`;
    throw new InvalidWebhookPayloadError({ vendor, issues: [{ path: '', message }], cause: error });
  }
  if (!result.success) {
    throw new InvalidWebhookPayloadError({
      vendor,
      issues: toInputIssues(result.error.issues),
      cause: result.error,
    });
  }
  return result.data;
}
