import type { ActionRequest } from '../schemas/action-request';
import type { Actor } from '../schemas/actor';
import type { Hypothesis } from '../schemas/hypothesis';
import type { Intent } from '../schemas/intent';
import type { RailKind, RailVerdict } from '../schemas/rail-verdict';
import type { Signal } from '../schemas/signal';

/** What a rail sees when it judges a proposed decision. */
export interface RailContext {
  traceId: string;
  actor: Actor;
  signal?: Signal;
  intent?: Intent;
  hypothesis?: Hypothesis;
  /** The action the decision would take; absent when the decision is about a signal only. */
  action?: ActionRequest;
  /** Host data for rails: the ticket, the customer's plan, the draft reply... */
  attributes?: Record<string, unknown>;
}

export interface RailEvaluateOptions {
  /**
   * Aborted when the rail times out, another rail denies, or the caller gives up. Created when
   * first read (a getter of `evaluateRails`' options object): read it, do not spread the options.
   */
  abortSignal: AbortSignal;
}

/**
 * A guardrail. Deterministic rails run first, in order, and a deny stops everything;
 * semantic and economic rails then run concurrently. A rail that throws or times out
 * escalates: rails fail closed.
 */
export interface Rail<Context extends RailContext = RailContext> {
  readonly name: string;
  readonly kind: RailKind;
  /** Overrides the engine's default timeout for this rail (ms). */
  readonly timeoutMs?: number;
  evaluate(context: Context, options: RailEvaluateOptions): RailVerdict | Promise<RailVerdict>;
}

/** Shorthands for rail authors. */
export const allow = (reason: string, evidence?: unknown): RailVerdict =>
  verdict('allow', reason, evidence);
export const escalate = (reason: string, evidence?: unknown, confidence?: number): RailVerdict =>
  verdict('escalate', reason, evidence, confidence);
export const deny = (reason: string, evidence?: unknown, confidence?: number): RailVerdict =>
  verdict('deny', reason, evidence, confidence);

function verdict(
  kind: RailVerdict['verdict'],
  reason: string,
  evidence?: unknown,
  confidence?: number,
): RailVerdict {
  const result: RailVerdict = { verdict: kind, reason };
  if (evidence !== undefined) result.evidence = evidence;
  if (confidence !== undefined) result.confidence = confidence;
  return result;
}
