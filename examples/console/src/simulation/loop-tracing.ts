import type { Actor, Clock, Decision, Signal } from '@guardloop/core';
import type { GuardloopTelemetry } from '@guardloop/otel';

/**
 * The console's live loop calls the rails, the undo log and the inbox itself (not `createLoop`),
 * so it reports the loop's events to the telemetry by hand: one root span per ticket, its
 * intake and decide spans; the instrumented undo log and outcome recorder add the rest.
 */
export function createLoopTracing(telemetry: GuardloopTelemetry, clock: Clock) {
  return {
    received(signal: Signal, actor: Actor) {
      telemetry.onEvent({
        type: 'signal.received',
        traceId: signal.traceId,
        at: clock.now(),
        signal,
        actor,
      });
    },
    proposed(traceId: string, action: { name: string; input: Record<string, unknown> }) {
      telemetry.onEvent({
        type: 'hypotheses.proposed',
        traceId,
        at: clock.now(),
        hypotheses: [
          {
            id: `${traceId}:proposal`,
            title: action.name,
            rationale: '',
            confidence: 1,
            evidence: [],
            action: { ...action, dryRun: false },
          },
        ],
      });
    },
    decided(decision: Decision) {
      telemetry.onEvent({
        type: 'decision.made',
        traceId: decision.traceId,
        at: clock.now(),
        decision,
      });
    },
    acted(decision: Decision) {
      telemetry.onEvent({
        type: 'loop.acted',
        traceId: decision.traceId,
        at: clock.now(),
        decision,
      });
    },
    escalated(decision: Decision, escalationId: string) {
      telemetry.onEvent({
        type: 'escalation.recorded',
        traceId: decision.traceId,
        at: clock.now(),
        escalationId,
      });
      telemetry.onEvent({
        type: 'loop.escalated',
        traceId: decision.traceId,
        at: clock.now(),
        decision,
        escalationId,
        escalation: {
          step: 'decision',
          reason: decision.reason,
          ...(decision.decidedBy ? { rail: decision.decidedBy } : {}),
        },
      });
    },
    rejected(decision: Decision) {
      telemetry.onEvent({
        type: 'loop.rejected',
        traceId: decision.traceId,
        at: clock.now(),
        decision,
      });
    },
  };
}

export type LoopTracing = ReturnType<typeof createLoopTracing>;
