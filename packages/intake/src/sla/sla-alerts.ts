import type { SlaMetricResult, TicketSlaEvaluation } from './view-ticket-sla';

export type SlaAlertKind = 'warning' | 'breach';

/** A warning or breach the monitor emits once, named by a stable key. */
export interface SlaAlert {
  /** `sla:<ticket>:<metric>:<instance>:<warning|breach>`: the emitted-once key and signal fingerprint. */
  key: string;
  kind: SlaAlertKind;
  /** When it is due: `warnAt` for a warning, `dueAt` for a breach. */
  at: number;
  metric: SlaMetricResult;
}

export const slaAlertKey = (ticketId: string, metric: SlaMetricResult, kind: SlaAlertKind) =>
  `sla:${ticketId}:${metric.metric}:${metric.instance}:${kind}`;

/**
 * Every warning and breach an evaluation may still give: for clocks that run (warning and
 * breach) and for clocks stopped late (the breach, noticed after the fact). Met clocks give none.
 */
export function slaAlerts(evaluation: TicketSlaEvaluation): SlaAlert[] {
  const alerts: SlaAlert[] = [];
  for (const metric of evaluation.metrics) {
    if (metric.status === 'met' || metric.dueAt === null) continue;
    const add = (kind: SlaAlertKind, at: number) =>
      alerts.push({ key: slaAlertKey(evaluation.ticketId, metric, kind), kind, at, metric });
    if (metric.status !== 'missed' && metric.warnAt !== null) add('warning', metric.warnAt);
    add('breach', metric.dueAt);
  }
  return alerts;
}

/** The earliest alert not yet emitted; null when none is left. */
export function nextCheckAt(
  alerts: readonly SlaAlert[],
  emitted: ReadonlySet<string>,
): number | null {
  let next: number | null = null;
  for (const alert of alerts)
    if (!emitted.has(alert.key) && (next === null || alert.at < next)) next = alert.at;
  return next;
}
