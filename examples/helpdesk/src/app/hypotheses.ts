import type { ActionCatalog, Hypothesis, HypothesisInput, LoopStepInput } from '@guardloop/core';
import { createPlaybookHypotheses, type FeedbackAggregateSource } from '@guardloop/hypotheses';
import { helpdeskIntents } from '@guardloop/semantic/data';
import { draftReply } from './macros';
import { helpdeskPlaybook } from './playbook';

export interface HelpdeskHypothesesOptions {
  /** The undo log: the playbook may name only actions it registers. */
  actions: ActionCatalog;
  /** The active text and version of a macro (from the artifact registry). */
  macro: (id: string) => Promise<{ text: string; version: number }>;
  /** Ranks the candidates by recorded outcomes; without it, by exploration alone. */
  feedback?: FeedbackAggregateSource | undefined;
  /** Seeded, so that a replay ranks the same way. */
  random: () => number;
}

export interface ProposeOptions {
  /** The queue the outcome router suggests, for the entries that template `payload.suggestedQueue`. */
  suggestQueue: (category: string) => Promise<string>;
}

/** Rough drafting cost of one AI reply, for the token budget. */
const costOf = (text: string, reply: string) => {
  const tokens = 300 + Math.ceil((text.length + reply.length) / 4);
  return { tokens, usd: Number((tokens * 0.000_003).toFixed(6)) };
};

const text = (value: unknown) => (typeof value === 'string' ? value : '');

/**
 * The help desk's `proposeHypotheses`: the playbook (`playbook.ts`) ranked by outcomes, around two
 * small steps that cannot be data. Before: the reply is drafted from the entry's macro as the
 * registry holds it now (its version moves as learning promotes edits), and the router is asked
 * for a queue when the entry templates one; both go into the payload the templates read. After:
 * each action gets its idempotency key (a retried ticket replays, never runs twice) and its cost
 * for the token budget, the evidence starts with the classifier's score and the ticket's facts,
 * and the runner-up intent is listed for the human who may review the ticket.
 */
export function createHelpdeskHypotheses(options: HelpdeskHypothesesOptions) {
  const ranked = createPlaybookHypotheses({
    playbook: helpdeskPlaybook,
    actions: options.actions,
    intents: helpdeskIntents,
    feedback: options.feedback,
    random: options.random,
    // The intent rail holds the classifier's confidence against the floor and the nightly
    // calibration reads the decided hypothesis's: both must be the classifier's. The playbook's
    // outcome-ranked confidence stays as evidence (`playbook.ranking`), the ranking is unchanged.
    confidence: 'intent',
    // The rails, not the playbook, decide what an abstaining classifier may do (the intent rail
    // escalates it): the reviewer still gets the proposal to approve or reject.
    whenAbstained: 'propose',
  });

  return async (
    input: LoopStepInput,
    { suggestQueue }: ProposeOptions,
  ): Promise<HypothesisInput[]> => {
    const { signal, intent } = input;
    // No customer record at intake: nothing to act on, the loop leaves the ticket to a human.
    if (!intent || signal.payload.accountId === undefined) return [];
    const entry = entryFor(intent.label, signal.payload.productArea);
    const macroId = entry?.candidates[0]?.references.find((item) => item.kind === 'macro')?.id;
    if (!entry || !macroId) return [];
    const macro = await options.macro(macroId);
    const { payload } = signal;
    const amount = typeof payload.amount === 'number' ? payload.amount.toFixed(2) : '';
    const reply = draftReply(macro.text, {
      name: text(payload.firstName),
      subject: text(payload.subject),
      invoice: text(payload.invoiceId),
      amount,
      role: text(payload.role),
      workspace: text(payload.workspace),
    });
    const routed = JSON.stringify(entry).includes('{{payload.suggestedQueue}}');
    const drafted = {
      ...payload,
      reply,
      macroId,
      macroVersion: macro.version,
      ...(routed ? { suggestedQueue: await suggestQueue(intent.label) } : {}),
    };
    const hypotheses = await ranked({ ...input, signal: { ...signal, payload: drafted } });
    const ticketId = text(payload.ticketId);
    const facts = Array.isArray(payload.evidence)
      ? (payload.evidence as Hypothesis['evidence'])
      : [];
    const proposed = hypotheses.map(
      (hypothesis): Hypothesis => ({
        ...hypothesis,
        rationale: `Classified as '${intent.label}' at ${intent.confidence.toFixed(2)} by ${intent.classifier ?? 'the classifier'}. ${hypothesis.rationale ?? ''}`,
        evidence: [
          { source: 'classifier', path: `scores.${intent.label}`, value: intent.confidence },
          ...facts,
          ...hypothesis.evidence,
        ],
        ...(hypothesis.action
          ? {
              action: {
                ...hypothesis.action,
                idempotencyKey: `${ticketId}:${hypothesis.action.name}`,
                cost: costOf(`${text(payload.subject)}\n${text(payload.body)}`, reply),
              },
            }
          : {}),
      }),
    );
    const [runnerUp] = Object.entries(intent.scores ?? {})
      .filter(([label]) => label !== intent.label)
      .sort((a, b) => b[1] - a[1]);
    if (!runnerUp || proposed.length === 0) return proposed;
    return [
      ...proposed,
      {
        id: `${ticketId}:${runnerUp[0]}`,
        title: `Could also be ${runnerUp[0].replaceAll('_', ' ')}`,
        // Below the proposal, which stays the one the reviewer sees first.
        confidence: Math.min(runnerUp[1], intent.confidence),
        evidence: [{ source: 'classifier', path: `scores.${runnerUp[0]}`, value: runnerUp[1] }],
      },
    ];
  };
}

/** The entry the playbook step will pick: the product area's own, else the intent's. */
function entryFor(intent: string, productArea: unknown) {
  const entries = helpdeskPlaybook.entries.filter((entry) => entry.intent === intent);
  return (
    entries.find((entry) => entry.productArea !== undefined && entry.productArea === productArea) ??
    entries.find((entry) => entry.productArea === undefined)
  );
}

export type HelpdeskHypotheses = ReturnType<typeof createHelpdeskHypotheses>;
