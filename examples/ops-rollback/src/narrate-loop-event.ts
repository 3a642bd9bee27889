import type { Evidence, LoopEvent } from '@guardloop/core';
import type { Deployment } from './deployment-registry';
import type { LatencySample } from './latency-monitor';

/** `HH:MM` in UTC: the story runs on a manual clock, so every run prints the same times. */
export const formatTime = (epochMs: number) => new Date(epochMs).toISOString().slice(11, 16);

/** Labels in a 12-column gutter, text wrapped at `width` so long reasons stay readable. */
export function line(label: string, text: string, width = 100): string {
  const indent = ' '.repeat(12);
  const words = text.split(' ');
  const lines: string[] = [];
  let current = label.padEnd(12);
  for (const word of words) {
    if (current.trim() !== label.trim() && current.length + word.length + 1 > width) {
      lines.push(current.trimEnd());
      current = indent;
    }
    current += current.endsWith(' ') ? word : ` ${word}`;
  }
  lines.push(current.trimEnd());
  return lines.join('\n');
}

function describeEvidence({ source, path, value, note }: Evidence): string {
  if (source === 'deployments') {
    const deployment = value as Deployment;
    return `${source} ${path}: deployed ${formatTime(deployment.deployedAt)} by ${deployment.by}${deployment.commit ? ` (commit ${deployment.commit})` : ''}`;
  }
  if (source === 'metrics' && Array.isArray(value)) {
    const samples = value as LatencySample[];
    const first = samples[0];
    const last = samples.at(-1);
    const range = first && last ? ` (${formatTime(first.at)}-${formatTime(last.at)})` : '';
    return `${source} ${path}: ${samples.map((sample) => sample.p99Ms).join(' ')} ms${range}`;
  }
  if (note !== undefined) return `${source}: ${note}`;
  return `${source} ${path ?? ''}: ${JSON.stringify(value)}`;
}

/** Turns the loop's typed events into the story's narration, one `write` per block. */
export function createNarrator(write: (text: string) => void) {
  return (event: LoopEvent) => {
    switch (event.type) {
      case 'signal.received': {
        const { payload, source } = event.signal;
        const summary = `${source}: ${String(payload.summary)} (trace ${event.traceId})`;
        write(line(`${formatTime(event.at)} alert`, summary));
        return;
      }
      case 'intent.classified':
        write(line('  intent', `${event.intent.label} (${event.intent.confidence.toFixed(2)})`));
        return;
      case 'hypotheses.proposed':
        for (const [rank, hypothesis] of event.hypotheses.entries()) {
          write(line('  hypothesis', `${hypothesis.confidence.toFixed(2)} ${hypothesis.title}`));
          const input = hypothesis.action?.input;
          // The top hypothesis and the one the loop may act on are spelled out; the others give their why.
          if (rank > 0 && (!hypothesis.action || !input)) {
            write(line('    why', hypothesis.rationale));
            continue;
          }
          for (const evidence of hypothesis.evidence) {
            write(line('    evidence', describeEvidence(evidence)));
          }
          if (!hypothesis.action || !input) {
            write(line('    why', hypothesis.rationale));
            continue;
          }
          const change = `${input.service} ${input.fromVersion} -> ${input.toVersion}`;
          write(line('    proposes', `${hypothesis.action.name} ${change}`));
        }
        return;
      case 'decision.made':
        for (const rail of event.decision.rails) {
          write(line(`  rail`, `${rail.rail}: ${rail.verdict ?? rail.status}. ${rail.reason}`));
        }
        write(
          line(
            '  decision',
            event.decision.decidedBy
              ? `${event.decision.verdict}, decided by ${event.decision.decidedBy}`
              : `${event.decision.verdict}: ${event.decision.reason}`,
          ),
        );
        return;
      case 'action.completed': {
        const result = event.result as { status: string; actionId?: string };
        write(
          line(
            '  action',
            `${event.hypothesis.action?.name} ${result.status} (${result.actionId})`,
          ),
        );
        return;
      }
      case 'loop.escalated':
        write(
          line('  escalated', `to the on-call human by ${event.escalation.rail ?? 'the loop'}`),
        );
        return;
      case 'loop.failed':
        write(line('  failed', `in ${event.step}: ${String(event.error)}`));
        return;
      default:
        return;
    }
  };
}
