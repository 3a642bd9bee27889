import type { LoopResult, ManualClock } from '@guardloop/core';
import type { SloStatus } from '@guardloop/economic';
import type { UndoLog, UndoResult } from '@guardloop/undo-log';
import { createOpsStage } from './create-ops-stage';
import type { Activation } from './deployment-registry';
import { formatTime, line } from './narrate-loop-event';
import * as timeline from './ops-timeline';
import { playIncident } from './play-incident';

export interface OpsStory {
  /** Incident 1: the rollback of v42, run by the bot through the undo log. */
  first: LoopResult;
  versionAfterRollback: string | undefined;
  /** The on-call engineer's undo of that rollback. */
  undo: UndoResult;
  versionAfterUndo: string | undefined;
  /** The error budget right after the undo. */
  budgetAfterUndo: SloStatus;
  /** Incident 2: escalated by the error-budget rail instead of rolled back. */
  second: LoopResult;
  versionAfterSecond: string | undefined;
  activations: Activation[];
  undoLog: UndoLog;
  clock: ManualClock;
}

const percent = (share: number) => `${(share * 100).toFixed(1)}%`;

/** Plays the whole story on a manual clock; `write` receives the narration. */
export async function runOpsStory({
  write = () => {},
}: {
  write?: (text: string) => void;
} = {}): Promise<OpsStory> {
  const { service } = timeline;
  const stage = createOpsStage(write);
  const { clock, registry, autonomy, undoLog } = stage;

  for (const deployment of timeline.earlierDeployments) registry.deploy(deployment);
  await autonomy.replayQuietHistory(timeline.historyDays * 24, 'restart_service');
  const quiet = await autonomy.status();
  write(line(`${formatTime(clock.now())} setup`, `${service} runs ${registry.active(service)}.`));
  write(
    line(
      '',
      `SLO '${quiet.slo}': ${percent(quiet.objective)} of the bot's autonomous actions stand (no human reverts them) over ${quiet.window.window}. Last ${quiet.window.window}: ${quiet.window.total} actions, ${quiet.window.bad} reverted, ${percent(quiet.budgetRemaining)} of the error budget left.`,
    ),
  );

  write('\n-- Incident 1: a latency spike right after a deploy');
  const first = await playIncident(stage, timeline.firstIncident);
  const versionAfterRollback = registry.active(service);
  write(line('  result', `${first.status}: ${service} runs ${versionAfterRollback}`));

  write('\n-- Review: the on-call engineer undoes the rollback');
  clock.set(timeline.undoRequest.at);
  const actionId = (first.actionResult as { actionId: string }).actionId;
  write(line(`${formatTime(clock.now())} undo`, `alice: "${timeline.undoRequest.reason}"`));
  const undo = await undoLog.undo(actionId, {
    by: timeline.onCall,
    reason: timeline.undoRequest.reason,
  });
  const versionAfterUndo = registry.active(service);
  write(
    line(
      '  undo',
      `${undo.actionName} ${actionId} ${undo.status}: ${service} runs ${versionAfterUndo} again`,
    ),
  );
  // A human reverting the bot is the bad event of this SLO: it is what burns the budget.
  await autonomy.reverted(undo.actionName);
  const budgetAfterUndo = await autonomy.status();
  write(
    line(
      '  budget',
      `1 reverted action: burn rate ${budgetAfterUndo.burnRates['1h']?.toFixed(1)}x over 1h, ${percent(budgetAfterUndo.budgetRemaining)} of the 30d error budget left, autonomy ${budgetAfterUndo.autonomy}.`,
    ),
  );

  write('\n-- Incident 2: another spike after another deploy, while the budget burns');
  const second = await playIncident(stage, timeline.secondIncident);
  const versionAfterSecond = registry.active(service);
  write(line('  result', `${second.status}: ${service} still runs ${versionAfterSecond}`));

  const activations = registry.activations(service);
  write('\n-- Active versions of checkout');
  for (const item of activations.filter((activation) => activation.at >= timeline.at(0, 0))) {
    write(line(`${formatTime(item.at)} ${item.version}`, `by ${item.by}: ${item.reason}`));
  }
  return {
    first,
    versionAfterRollback,
    undo,
    versionAfterUndo,
    budgetAfterUndo,
    second,
    versionAfterSecond,
    activations,
    undoLog,
    clock,
  };
}
