import type { ActorInput } from '@guardloop/core';
import type { ConfigChangeInput } from './config-changes';
import type { DeploymentInput } from './deployment-registry';

/** The story's data: one service, two incidents, on 14 March 2030 (UTC). */
export const service = 'checkout';
const minute = 60_000;
export const at = (hours: number, minutes: number) => Date.UTC(2030, 2, 14, hours, minutes);

/** The bot acts alone within its rails; the on-call engineer reviews and may revert. */
export const bot: ActorInput = { id: 'sre-bot', type: 'ai', roles: ['sre-bot'] };
export const onCall: ActorInput = { id: 'alice', type: 'human', roles: ['sre'] };

/** Starts 30 days before the incident, so the error budget has a history to burn. */
export const historyDays = 30;
export const storyStart = at(9, 0) - historyDays * 24 * 60 * minute;

export const earlierDeployments: DeploymentInput[] = [
  { service, version: 'v40', deployedAt: Date.UTC(2030, 2, 6, 10, 0), by: 'ci', commit: '1d4e0aa' },
  {
    service,
    version: 'v41',
    deployedAt: Date.UTC(2030, 2, 10, 14, 0),
    by: 'ci',
    commit: '5b7f21c',
  },
];

/** Incident 1: v42 goes live at 09:56 and the p99 jumps at 10:00, four minutes later. */
export const firstIncident = {
  deployment: { service, version: 'v42', deployedAt: at(9, 56), by: 'ci', commit: '9e3a7f2' },
  p99Ms: [182, 179, 185, 181, 184, 183, 186, 214, 263, 347, 940],
  /** Failed requests jump from the first minute after the deploy: what grounds the rollback. */
  errorRatePct: [0.2, 0.3, 0.2, 0.2, 0.3, 0.2, 0.2, 2.4, 2.6, 2.5, 2.9],
  samplesFrom: at(9, 50),
  /** Another team's change in the same window: correlate ranks it, but nothing of checkout moved with it. */
  configChanges: [
    {
      id: 'search-cache-ttl',
      service: 'search',
      at: at(9, 58),
      by: 'bob',
      description: 'search result cache TTL 60s -> 300s',
    },
  ],
  /** After the rollback (and, as it turns out, after the card provider recovered). */
  recoveryMs: [612, 241, 190, 184, 182],
  recoveryErrorRatePct: [1.1, 0.4, 0.3, 0.2, 0.2],
} satisfies Incident;

/** The on-call engineer's review: the rollback was a false correlation. */
export const undoRequest = {
  at: at(10, 20),
  reason:
    'v42 carries the VAT fix finance needs today; the 10:00 spike came from the card provider ' +
    '(degraded 09:55-10:05 on its status page), not from v42.',
};

/** Incident 2: v43 goes live at 10:30 and the p99 jumps at 10:34. */
export const secondIncident = {
  deployment: { service, version: 'v43', deployedAt: at(10, 30), by: 'ci', commit: 'c0ffee4' },
  p99Ms: [188, 184, 187, 190, 196, 233, 318, 1210],
  errorRatePct: [0.2, 0.2, 0.3, 0.2, 1.9, 2.2, 2.4, 2.6],
  samplesFrom: at(10, 27),
  recoveryMs: [],
} satisfies Incident;

export interface Incident {
  deployment: DeploymentInput;
  /** One p99 sample per minute from `samplesFrom`; the last one fires the alert. */
  p99Ms: number[];
  /** The error rate of the same minutes, in percent. */
  errorRatePct: number[];
  samplesFrom: number;
  /** Config changes (of any service) that take effect during the incident. */
  configChanges?: ConfigChangeInput[];
  recoveryMs: number[];
  recoveryErrorRatePct?: number[];
}

export const minuteMs = minute;
