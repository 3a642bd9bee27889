import { PGlite } from '@electric-sql/pglite';
import { createManualClock } from '@guardloop/core';
import { createPgliteClient } from '@guardloop/postgres';
import { createConsole } from '../create-console';
import type { TicketCase } from '../simulation/ticket-cases';

const base = { customer: 'Ada Byrne', channel: 'email' } as const;

/** Tickets with known routes: two escalations of each kind and two autonomous actions. */
export const knownCases = {
  largeRefund: (n: number): TicketCase => ({
    kind: 'large-refund',
    refundUsd: 250,
    ticket: {
      ...base,
      accountId: `A-${n}`,
      orderId: `O-${n}`,
      category: 'billing',
      subject: 'Damaged order',
    },
  }),
  deletion: (n: number): TicketCase => ({
    kind: 'deletion',
    ticket: {
      ...base,
      accountId: `A-${n}`,
      orderId: `O-${n}`,
      category: 'privacy',
      subject: 'Delete my account',
    },
  }),
  tag: (n: number): TicketCase => ({
    kind: 'tag',
    ticket: {
      ...base,
      accountId: `A-${n}`,
      orderId: `O-${n}`,
      category: 'account',
      subject: 'Upgrade',
    },
  }),
  failedReturn: (n: number): TicketCase => ({
    kind: 'return',
    courierOutage: true,
    ticket: {
      ...base,
      accountId: `A-${n}`,
      orderId: `O-${n}`,
      category: 'shipping',
      subject: 'Wrong item',
    },
  }),
};

export const testSecret = 'test-secret-0123456789-abcdefghijklmnop';

/** A console on in-memory PGlite and a manual clock, with deterministic ids and tickets. */
export async function createTestConsole() {
  const clock = createManualClock(Date.UTC(2030, 0, 2, 9));
  let next = 0;
  const idGenerator = () => `id-${String(++next).padStart(5, '0')}`;
  const database = new PGlite();
  const created = await createConsole({
    client: createPgliteClient(database),
    clock,
    idGenerator,
    sessionSecret: testSecret,
    seed: 3,
  });
  // Thirty seconds apart, with a health sample after each: the charts get a line to draw.
  const submit = async (ticketCase: TicketCase) => {
    const record = await created.simulation.submit(ticketCase);
    await created.simulation.health.sample();
    clock.advance(30_000);
    return record;
  };
  const tickets = {
    largeRefund: await submit(knownCases.largeRefund(1)),
    deletion: await submit(knownCases.deletion(2)),
    tag: await submit(knownCases.tag(3)),
    secondRefund: await submit(knownCases.largeRefund(4)),
    secondTag: await submit(knownCases.tag(5)),
    failedReturn: await submit(knownCases.failedReturn(6)),
    claimedRefund: await submit(knownCases.largeRefund(7)),
  };
  return { ...created, clock, tickets, close: () => database.close() };
}

export type TestConsole = Awaited<ReturnType<typeof createTestConsole>>;

/** A signed-in client for `app.request`: keeps the cookies, reads the CSRF token of each page. */
export async function signIn(app: TestConsole['app'], reviewerId: string, passcode = reviewerId) {
  const cookies = new Map<string, string>();
  const keep = (response: Response) => {
    for (const header of response.headers.getSetCookie()) {
      const [pair] = header.split(';');
      const [name, ...value] = (pair ?? '').split('=');
      if (name) cookies.set(name, value.join('='));
    }
    return response;
  };
  const cookie = () => [...cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  const get = async (path: string) =>
    keep(await app.request(path, { headers: { cookie: cookie() } }));
  const post = async (path: string, form: Record<string, string>) =>
    keep(
      await app.request(path, {
        method: 'POST',
        headers: { cookie: cookie(), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(form).toString(),
      }),
    );
  const csrfOf = (page: string) => /name="csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
  const signInPage = await (await get('/sign-in')).text();
  const signedIn = await post('/sign-in', { reviewerId, passcode, csrf: csrfOf(signInPage) });
  const csrf = csrfOf(await (await get('/inbox')).text());
  return { get, post, csrf, signedIn, cookie };
}
