import { createPriorityScorer } from '@guardloop/intake';

/**
 * The help desk's priority, explainable: an ITIL impact x urgency matrix (a status-widget
 * report is a service-wide impact) moved by the customer's plan and the words of the ticket.
 */
export const helpdeskPriority = createPriorityScorer({
  levels: ['p1', 'p2', 'p3', 'p4'],
  impacts: ['high', 'medium', 'low'],
  urgencies: ['high', 'medium', 'low'],
  matrix: {
    high: { high: 'p1', medium: 'p2', low: 'p3' },
    medium: { high: 'p2', medium: 'p3', low: 'p4' },
    low: { high: 'p3', medium: 'p4', low: 'p4' },
  },
  defaults: { impact: 'medium', urgency: 'medium' },
  adjustments: {
    tiers: { enterprise: 1 },
    channels: { status_widget: 1 },
    keywords: [
      { terms: ['outage', 'unavailable', 'down', 'locked out', 'charged twice'], steps: 1 },
      // Asks that can wait: ideas, copies of documents.
      { terms: ['feature', 'suggestion', 'would be nice', 'would love', 'copy'], steps: -1 },
    ],
  },
});
