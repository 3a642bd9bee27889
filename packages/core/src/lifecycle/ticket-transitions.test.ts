import { describe, expect, it } from 'vitest';
import { InvalidTransitionError } from '../errors/invalid-transition-error';
import { ticketStatuses } from '../schemas/ticket';
import {
  allowedTransitions,
  canTransition,
  findTransition,
  ticketTransitions,
} from './ticket-transitions';

const legal = new Set([
  'new->triaged',
  'triaged->in_progress',
  'in_progress->pending_customer',
  'in_progress->resolved',
  'pending_customer->in_progress',
  'pending_customer->resolved',
  'resolved->closed',
  'resolved->in_progress',
]);

describe('ticket transition table', () => {
  it('has exactly the edges of the lifecycle', () => {
    expect(new Set(ticketTransitions.map((edge) => `${edge.from}->${edge.to}`))).toEqual(legal);
  });

  for (const from of ticketStatuses) {
    for (const to of ticketStatuses) {
      const key = `${from}->${to}`;
      if (legal.has(key)) {
        it(`allows ${key}`, () => {
          expect(canTransition(from, to)).toBe(true);
          expect(findTransition(from, to)).toMatchObject({ from, to });
        });
      } else {
        it(`rejects ${key} with a typed error`, () => {
          expect(canTransition(from, to)).toBe(false);
          const error = (() => {
            try {
              findTransition(from, to);
            } catch (caught) {
              return caught;
            }
          })();
          expect(error).toBeInstanceOf(InvalidTransitionError);
          expect(error).toMatchObject({
            code: 'invalid_transition',
            from,
            to,
            allowed: allowedTransitions(from),
          });
        });
      }
    }
  }

  it('makes closed final', () => {
    expect(allowedTransitions('closed')).toEqual([]);
    expect(() => findTransition('closed', 'in_progress')).toThrow(/final state/);
  });
});
