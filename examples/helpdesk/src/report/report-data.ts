import type { ReplayResult } from '../simulation/replay';
import { type HumanReviewSummary, summarizeHumanReview } from './human-review';
import { type IntakeSummary, summarizeIntake } from './intake-sla';
import { type KpiSummary, summarizeKpis } from './kpi-summary';
import { type MaturitySummary, summarizeMaturity } from './maturity';
import type { Escalation } from './run-log';

export interface EscalationReason {
  /** The first sentence with numbers masked: similar reasons share it. */
  key: string;
  /** A real reason of the group, whole and with its numbers (the first one seen). */
  example: string;
  count: number;
}

export interface EscalationGroup {
  rail: string;
  count: number;
  reasons: EscalationReason[];
}

/** The deciding rail's own words, in full, without the rail's name in front. */
export function reasonOf(escalation: Escalation): string {
  const own = escalation.reason
    .split(' | ')
    .find((part) => part.startsWith(`${escalation.rail}: `));
  return (own ?? escalation.reason).replace(`${escalation.rail}: `, '');
}

/** Groups reasons that differ only in their numbers ("Refunds over 120 EUR", "over 340 EUR"). */
export function reasonKey(reason: string): string {
  const masked = reason.replace(/\d+(?:\.\d+)?/g, '#');
  return masked.split(/(?<=\.)\s/)[0] ?? masked;
}

/** Cuts a reason for a narrow column; the full text stays in the HTML report's hover and details. */
export function shortReason(reason: string, length = 90): string {
  const sentence = reason.split(/(?<=\.)\s/)[0] ?? reason;
  return sentence.length > length ? `${sentence.slice(0, length - 1)}…` : sentence;
}

/** Escalations and denials grouped by the rail that decided them, most frequent first. */
export function groupEscalations(escalations: readonly Escalation[]): EscalationGroup[] {
  const groups = new Map<string, Map<string, EscalationReason>>();
  for (const escalation of escalations) {
    const reasons = groups.get(escalation.rail) ?? new Map<string, EscalationReason>();
    const example = reasonOf(escalation);
    const key = reasonKey(example);
    const known = reasons.get(key) ?? { key, example, count: 0 };
    known.count += 1;
    reasons.set(key, known);
    groups.set(escalation.rail, reasons);
  }
  return [...groups.entries()]
    .map(([rail, reasons]) => ({
      rail,
      count: [...reasons.values()].reduce((sum, reason) => sum + reason.count, 0),
      reasons: [...reasons.values()].sort((a, b) => b.count - a.count),
    }))
    .sort((a, b) => b.count - a.count);
}

export interface ReportData {
  replay: ReplayResult;
  kpis: KpiSummary;
  /** Decisions in the inbox: times, approval rates, SLA breaches. */
  humanReview: HumanReviewSummary;
  /** The front doors and the ticket SLAs per priority. */
  intake: IntakeSummary;
  /** Self-healing maturity grades of the baseline and after-learning windows. */
  maturity: MaturitySummary;
  escalations: EscalationGroup[];
  totals: {
    tickets: number;
    duplicates: number;
    acted: number;
    escalated: number;
    rejected: number;
    failed: number;
  };
  undos: { wrongIntent: number; fraud: number; total: number };
  problems: { id: string; status: string; incidents: number; rootCause: string | undefined }[];
  macroVersions: { id: string; active: number | undefined; versions: number }[];
}

/** Everything both reports show, read from the replay's stores and run log. */
export async function collectReportData(replay: ReplayResult): Promise<ReportData> {
  const { runLog, problems, artifacts } = replay.helpdesk;
  const days = runLog.days();
  const sum = (pick: (day: (typeof days)[number]) => number) =>
    days.reduce((total, day) => total + pick(day), 0);
  const fraud = runLog.undos.filter((undo) => undo.reason.includes('fraud')).length;
  const problemPage = await problems.list({});
  const macros = await artifacts.list({ kind: 'macro' });
  return {
    replay,
    kpis: await summarizeKpis(replay),
    humanReview: await summarizeHumanReview(replay),
    intake: await summarizeIntake(replay),
    maturity: await summarizeMaturity(replay),
    escalations: groupEscalations(runLog.escalations),
    totals: {
      tickets: sum((day) => day.signals),
      duplicates: sum((day) => day.duplicates),
      acted: sum((day) => day.acted),
      escalated: sum((day) => day.escalated),
      rejected: sum((day) => day.rejected),
      failed: sum((day) => day.failed),
    },
    undos: { wrongIntent: runLog.undos.length - fraud, fraud, total: runLog.undos.length },
    problems: problemPage.items.map((problem) => ({
      id: problem.id,
      status: problem.status,
      incidents: problem.incidentCount,
      rootCause: problem.rootCause,
    })),
    macroVersions: macros.items
      .filter((macro) => macro.versions.length > 1)
      .map((macro) => ({
        id: macro.id,
        active: macro.activeVersion,
        versions: macro.versions.length,
      })),
  };
}
