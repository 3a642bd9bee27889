import { counterExpiryMigration } from './counter-expiry-migration';
import { counterMigration } from './counter-migration';
import { emailThreadsMigration } from './email-threads-migration';
import { feedbackHumanReviewsMigration } from './feedback-human-reviews-migration';
import { feedbackMigration } from './feedback-migration';
import { feedbackResolutionBreakdownsMigration } from './feedback-resolution-breakdowns-migration';
import { feedbackSegmentIndexesMigration } from './feedback-segment-indexes-migration';
import { feedbackTicketSlaMigration } from './feedback-ticket-sla-migration';
import { inboxMigration } from './inbox-migration';
import { inboxSlaEventsMigration } from './inbox-sla-events-migration';
import { learningRunsMigration } from './learning-runs-migration';
import type { Migration } from './migration';
import { ticketSlaDeliveryMigration } from './ticket-sla-delivery-migration';
import { ticketSlaMigration } from './ticket-sla-migration';
import { undoLogClaimMigration } from './undo-log-claim-migration';
import { undoLogMigration } from './undo-log-migration';

/** Every migration in the order it is applied. Append new ones; never edit or reorder. */
export const migrations: readonly Migration[] = [
  undoLogMigration,
  counterMigration,
  feedbackMigration,
  feedbackSegmentIndexesMigration,
  inboxMigration,
  inboxSlaEventsMigration,
  feedbackHumanReviewsMigration,
  counterExpiryMigration,
  learningRunsMigration,
  feedbackResolutionBreakdownsMigration,
  feedbackTicketSlaMigration,
  ticketSlaMigration,
  undoLogClaimMigration,
  emailThreadsMigration,
  ticketSlaDeliveryMigration,
];
