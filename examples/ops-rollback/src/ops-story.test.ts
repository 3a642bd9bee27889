import { GuardloopError, InvalidInputError } from '@guardloop/core';
import { describe, expect, test } from 'vitest';
import { createConfigChanges } from './config-changes';
import { createDeploymentRegistry } from './deployment-registry';
import { createLatencyMonitor } from './latency-monitor';
import { onCall, service } from './ops-timeline';
import { runOpsStory } from './run-ops-story';

describe('the ops-rollback story', async () => {
  const lines: string[] = [];
  const story = await runOpsStory({ write: (text) => lines.push(text) });

  test('rolls v42 back to v41 through the undo log, on a hypothesis grounded in evidence', async () => {
    expect(story.first.status).toBe('acted');
    expect(story.versionAfterRollback).toBe('v41');
    const hypothesis = story.first.hypothesis;
    expect(hypothesis?.action).toMatchObject({
      name: 'rollback_deployment',
      input: { service, fromVersion: 'v42', toVersion: 'v41' },
    });
    const sources = hypothesis?.evidence.map((evidence) => evidence.source);
    expect(sources).toEqual(
      expect.arrayContaining(['deployments', 'changes', 'metrics', 'correlate']),
    );
    // correlate ranked the other team's config change below the deploy: nothing moved with it.
    const correlation = hypothesis?.evidence.find((evidence) => evidence.source === 'correlate');
    expect(correlation).toMatchObject({ path: 'checkout/v42', value: { grounded: true } });
    expect(correlation?.note).toContain('search-cache-ttl');
    const deploy = hypothesis?.evidence.find((evidence) => evidence.source === 'deployments');
    expect(deploy?.value).toMatchObject({ version: 'v42', by: 'ci' });
    expect(story.first.decision?.verdict).toBe('allow');
    expect(story.first.actionResult).toMatchObject({ status: 'done', result: { to: 'v41' } });
  });

  test('the undo on request restores v42 and is recorded with who and why', async () => {
    expect(story.undo).toMatchObject({ status: 'undone', alreadyUndone: false });
    expect(story.versionAfterUndo).toBe('v42');
    const [record] = await story.undoLog.listTrace(story.first.traceId);
    expect(record).toMatchObject({
      actionName: 'rollback_deployment',
      status: 'undone',
      snapshot: { activeVersion: 'v42' },
      undo: { by: { id: onCall.id } },
    });
  });

  test('the revert burns the error budget and the next rollback escalates to a human', () => {
    expect(story.budgetAfterUndo.autonomy).toBe('none');
    expect(story.budgetAfterUndo.exhausted).toBe(false);
    expect(story.second.status).toBe('escalated');
    expect(story.second.hypothesis?.action?.input).toMatchObject({ fromVersion: 'v43' });
    expect(story.second.escalation?.rail).toBe('slo-autonomy');
    expect(story.second.escalation?.reason).toMatch(
      /Autonomy none: SLO 'checkout-autonomous-actions' is burning its error budget/,
    );
    expect(story.versionAfterSecond).toBe('v43');
  });

  test('narrates every step, identically on every run', async () => {
    const again: string[] = [];
    await runOpsStory({ write: (text) => again.push(text) });
    expect(again).toEqual(lines);
    const text = lines.join('\n');
    for (const step of ['alert', 'hypothesis', 'evidence', 'rail', 'decision', 'undo']) {
      expect(text).toContain(step);
    }
  });
});

describe('bad input is rejected with typed errors', () => {
  test('the registry refuses unknown versions and malformed deployments', () => {
    const registry = createDeploymentRegistry();
    registry.deploy({ service, version: 'v1', deployedAt: 0, by: 'ci' });
    const change = { by: 'alice', reason: 'test' };
    expect(() => registry.activate(service, 'v9', change)).toThrow(
      expect.objectContaining({ code: 'unknown_deployment' }),
    );
    expect(() => registry.deploy({ service, version: '', deployedAt: -1, by: 'ci' })).toThrow(
      InvalidInputError,
    );
    expect(() => registry.activate(service, 'v1', { by: '', reason: '' })).toThrow(
      expect.objectContaining({ code: 'invalid_input' }),
    );
  });

  test('the config log refuses malformed changes', () => {
    const changes = createConfigChanges();
    const bad = { id: '', service, at: -1, by: 'bob', description: 'x' };
    expect(() => changes.record(bad)).toThrow(expect.objectContaining({ code: 'invalid_input' }));
    expect(changes.between(0, Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  test('the monitor refuses malformed samples and options', () => {
    expect(() => createLatencyMonitor({ thresholdMs: -1 })).toThrow(InvalidInputError);
    const monitor = createLatencyMonitor({ thresholdMs: 500 });
    const error = (() => {
      try {
        monitor.record(service, { at: 0, p99Ms: Number.NaN });
      } catch (caught) {
        return caught;
      }
    })();
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
    expect(() => monitor.record(service, { at: 0, p99Ms: 100, errorRatePct: 101 })).toThrow(
      InvalidInputError,
    );
  });
});
