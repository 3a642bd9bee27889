import type { Actor, createManualClock } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/feedback';
import type { ConsoleServices } from '../app/console-services';
import { rejectEscalation, undoAutonomousAction } from '../app/supervisor-decisions';
import type { LiveSimulation } from './live-simulation';

/** A lead who worked yesterday's queue, so the KPIs have a baseline on a fresh machine. */
export const simulatedLead: Actor = { id: 'sim-lead', type: 'human', roles: ['tier-2'] };

export interface BackfillOptions {
  simulation: LiveSimulation;
  services: ConsoleServices;
  clock: ReturnType<typeof createManualClock>;
  tickets: number;
  everyMs: number;
  seed?: number;
}

/** Yesterday, replayed fast on the manual clock: tickets, and most escalations decided. */
export async function backfill({
  simulation,
  services,
  clock,
  tickets,
  everyMs,
  seed = 11,
}: BackfillOptions) {
  const random = createSeededRandom(seed);
  for (let index = 0; index < tickets; index++) {
    clock.advance(everyMs);
    const record = await simulation.tick();
    if (record?.route === 'autonomous' && random() < 0.1) {
      // The lead takes back a few of the AI's actions: yesterday's error budget burn.
      const [action] = await services.undoLog.listTrace(record.ticket.id);
      if (action)
        await undoAutonomousAction(
          services,
          action.id,
          simulatedLead,
          'not what the customer asked for',
        );
    }
    if (record?.escalationId === undefined || random() > 0.8) continue;
    clock.advance(Math.round(random() * 20 * 60_000));
    if (random() < 0.7)
      await services.inbox.approve(record.escalationId, {
        reviewer: simulatedLead,
        note: 'checked',
      });
    else await rejectEscalation(services, record.escalationId, simulatedLead, 'not warranted');
    await services.ticketSla.resolved(record.ticket.id);
  }
}
