import { defineSlaPolicies } from '@guardloop/intake';

const hour = 3_600_000;

/**
 * Ticket SLA targets per priority, Zendesk style: the first policy whose filter matches
 * applies. Enterprise customers get tighter targets; wall-clock hours (the simulated help desk
 * is staffed around the clock).
 */
export const helpdeskSlaPolicies = defineSlaPolicies([
  {
    id: 'enterprise',
    filter: { segment: ['enterprise'] },
    warnBeforeMs: hour / 2,
    targets: {
      p1: { firstResponseMs: hour, resolutionMs: 8 * hour },
      p2: { firstResponseMs: 2 * hour, resolutionMs: 24 * hour },
      '*': { firstResponseMs: 4 * hour, resolutionMs: 48 * hour },
    },
  },
  {
    id: 'standard',
    warnBeforeMs: hour / 2,
    targets: {
      p1: { firstResponseMs: 2 * hour, resolutionMs: 12 * hour },
      p2: { firstResponseMs: 4 * hour, resolutionMs: 24 * hour },
      p3: { firstResponseMs: 8 * hour, resolutionMs: 48 * hour },
      '*': { firstResponseMs: 24 * hour, resolutionMs: 96 * hour },
    },
  },
]);
