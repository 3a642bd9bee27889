import { APICallError, NoObjectGeneratedError, RetryError } from 'ai';
import { describe, expect, it } from 'vitest';
import { describeModelFailure } from './describe-model-failure';

const noObject = (text: string) =>
  new NoObjectGeneratedError({
    text,
    response: { id: 'r', timestamp: new Date(0), modelId: 'm' },
    usage: {
      inputTokens: 1,
      outputTokens: 1,
      totalTokens: 2,
    } as ConstructorParameters<typeof NoObjectGeneratedError>[0]['usage'],
    finishReason: 'stop',
  });

describe('describeModelFailure', () => {
  it('a 429 behind a RetryError: rate_limited, retryable, with the delay the provider asked for', () => {
    const last = new APICallError({
      message: 'Too many requests',
      url: 'http://model.test',
      requestBodyValues: {},
      statusCode: 429,
      responseHeaders: { 'retry-after': '3' },
      isRetryable: true,
    });
    const error = new RetryError({
      message: 'gave up',
      reason: 'maxRetriesExceeded',
      errors: [last],
    });
    expect(describeModelFailure(error, { now: 0, namesOutsideSet: () => false })).toMatchObject({
      reason: 'rate_limited',
      isRetryable: true,
      statusCode: 429,
      retryAfterMs: 3000,
    });
  });

  it('schema-invalid output naming something outside the set: outside_set', () => {
    const failure = describeModelFailure(noObject('{"label":"weather"}'), {
      now: 0,
      namesOutsideSet: (text) => JSON.parse(text).label === 'weather',
    });
    expect(failure).toMatchObject({ reason: 'outside_set', isRetryable: false });
  });

  it('a namesOutsideSet that throws (bad JSON) counts as malformed_output, never a crash', () => {
    const failure = describeModelFailure(noObject('not json'), {
      now: 0,
      namesOutsideSet: (text) => JSON.parse(text) as boolean,
    });
    expect(failure).toMatchObject({ reason: 'malformed_output', isRetryable: false });
  });

  it('anything else: unknown, retryable only when the error says so', () => {
    expect(describeModelFailure('boom', { now: 0, namesOutsideSet: () => false })).toMatchObject({
      reason: 'unknown',
      isRetryable: false,
    });
  });
});
