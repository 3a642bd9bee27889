import { parseInput } from '@guardloop/core';
import { z } from 'zod';
import type { EmailThread, EmailThreadStore } from './email-thread-store';
import { parseEmailThreadStoreArguments } from './email-thread-store';

export interface MemoryEmailThreadStoreOptions {
  /** Upper bound on remembered Message-IDs; the oldest are forgotten first. Default 1 000 000. */
  maxMessageIds?: number;
}

const optionsSchema = z.strictObject({ maxMessageIds: z.int().positive().optional() }).optional();

/**
 * An `EmailThreadStore` in memory, for tests and single-process hosts: threads are lost on
 * restart, so a reply after one opens a new ticket.
 * @throws InvalidInputError for malformed options
 */
export function createMemoryEmailThreadStore(
  options: MemoryEmailThreadStoreOptions = {},
): EmailThreadStore {
  const { maxMessageIds = 1_000_000 } =
    parseInput(optionsSchema, options, 'memory email thread store options') ?? {};
  // Map keeps insertion order: the first key is the oldest, so eviction is O(1).
  const threads = new Map<string, EmailThread>();
  return {
    async find(...args) {
      const [messageIds] = parseEmailThreadStoreArguments('find', args);
      for (const id of messageIds) {
        const thread = threads.get(id);
        if (thread) return { ...thread };
      }
      return undefined;
    },
    async link(...args) {
      const [thread, messageIds] = parseEmailThreadStoreArguments('link', args);
      // No await from here on: the check and the set are one step, so of two calls at once
      // exactly one claims the first Message-ID.
      const first = threads.get(messageIds[0] as string);
      for (const id of messageIds) {
        if (threads.has(id)) continue;
        threads.set(id, { ticketId: thread.ticketId, traceId: thread.traceId });
        if (threads.size > maxMessageIds) threads.delete(threads.keys().next().value as string);
      }
      return first === undefined
        ? { claimed: true, thread: { ticketId: thread.ticketId, traceId: thread.traceId } }
        : { claimed: false, thread: { ...first } };
    },
  };
}
