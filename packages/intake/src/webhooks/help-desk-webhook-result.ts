import type { Signal, TicketEventType, TicketStatus } from '@guardloop/core';

export type HelpDeskVendor = 'zendesk' | 'freshdesk';

/** What a help-desk webhook meant, as a ticket signal plus the lifecycle change it reports. */
export interface HelpDeskWebhookResult {
  vendor: HelpDeskVendor;
  type: 'ticket_created' | 'ticket_status_changed';
  /** The help desk's ticket id (also in the signal's `correlationId`, `<vendor>:ticket:<id>`). */
  ticketId: string;
  /** Kind `ticket`, source the vendor, standard fields normalized through the taxonomy. */
  signal: Signal;
  status: {
    /** The vendor's status names, as sent. */
    vendorFrom?: string;
    vendorTo?: string;
    /** The guardloop statuses they map to; undefined for a custom vendor status. */
    from?: TicketStatus;
    to?: TicketStatus;
  };
  /**
   * Events to apply to the guardloop ticket, in order (from `new` for a created ticket);
   * `[]` when the statuses are unknown, equal or not connected by the lifecycle.
   */
  lifecycleEvents: TicketEventType[];
}
