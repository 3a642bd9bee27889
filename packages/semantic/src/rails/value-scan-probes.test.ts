import type { RailContext } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { brandSafetyRail } from './brand-safety-rail';
import { piiRail } from './pii-rail';
import { options, railContext } from './rail-context.fixture';

const card = '4111 1111 1111 1111';
const withInput = (input: unknown): RailContext =>
  railContext(undefined, {
    action: {
      name: 'send_reply',
      input: input as Record<string, unknown>,
      reversible: true,
      dryRun: false,
    },
  });
const judge = (input: unknown) => piiRail().evaluate(withInput(input), options);

// Values a careless caller or an attacker puts in an action's input: each must be read or
// escalated, never passed unread.
describe('value scan probes', () => {
  it.each([
    ['a boxed string', () => ({ body: Object(card) })],
    ['a URL', () => ({ link: new URL('mailto:jo@example.com') })],
    ['a URL, percent-encoded', () => ({ link: new URL('https://x.io/?to=jo%40example.com') })],
    ['URL search parameters', () => ({ query: new URLSearchParams({ mail: 'jo@example.com' }) })],
    ['a Buffer', () => ({ attachment: Buffer.from(`card ${card}`) })],
    [
      'a Uint8Array view of part of a buffer',
      () => {
        const bytes = new TextEncoder().encode(`xx${card}xx`);
        return { attachment: new Uint8Array(bytes.buffer, 2, card.length) };
      },
    ],
    ['an ArrayBuffer', () => ({ raw: new TextEncoder().encode(card).buffer })],
    ['an error message', () => ({ failure: new Error(`charge of ${card} failed`) })],
    ['a symbol-keyed property', () => ({ [Symbol('note')]: `mail jo@example.com` })],
  ])('finds personal data in %s', async (_name, make) => {
    await expect(judge(make())).resolves.toMatchObject({ verdict: 'escalate' });
    expect((await judge(make())).reason).toMatch(/^Personal data found/);
  });

  it('scans symbol descriptions as keys and keeps their personal data out of the paths', async () => {
    const verdict = await judge({ [Symbol('jo@example.com')]: 'hello' });
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      evidence: { findings: [{ kind: 'email', path: 'action.input[Symbol("[EMAIL]")] (key)' }] },
    });
    expect(JSON.stringify(verdict)).not.toContain('jo@');
  });

  it('escalates, naming the path only, when a getter or a Proxy trap throws', async () => {
    const getter = {
      body: 'hello',
      get secret(): string {
        throw new Error(`cannot read ${card}`);
      },
    };
    const verdict = await judge(getter);
    expect(verdict).toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'unreadable', path: 'action.input.secret' },
    });
    expect(JSON.stringify(verdict)).not.toContain('4111');
    const trap = new Proxy(
      {},
      {
        ownKeys() {
          throw new TypeError('no keys');
        },
      },
    );
    await expect(judge({ nested: trap })).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'unreadable' },
    });
    const context = railContext('hi');
    Object.defineProperty(context, 'action', {
      get() {
        throw new Error('boom');
      },
    });
    await expect(brandSafetyRail().evaluate(context, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'unreadable', path: '' },
    });
  });

  it('escalates bytes and arrays beyond the limits without reading them whole', async () => {
    await expect(
      piiRail({ maxLength: 1000 }).evaluate(
        withInput({ attachment: new Uint8Array(10_000_000) }),
        options,
      ),
    ).resolves.toMatchObject({ verdict: 'escalate', evidence: { limit: 'maxLength' } });
    await expect(
      judge({ items: new Array(2 ** 31).fill(undefined, 0, 20_000) }),
    ).resolves.toMatchObject({ verdict: 'escalate', evidence: { limit: 'maxValues' } });
  });

  it('judges a brand-unsafe word spelled out in a boxed string', async () => {
    const verdict = await brandSafetyRail().evaluate(
      railContext(undefined, { attributes: { draft: Object('you are a f u c k i n g idiot') } }),
      options,
    );
    expect(verdict).toMatchObject({ verdict: 'deny' });
  });

  it('scans a text of exactly maxLength to its last character and escalates one more', async () => {
    const text = `${'x '.repeat(40)}4111111111111111`;
    const rail = (maxLength: number) => piiRail({ maxLength, selectText: () => text });
    const context = railContext(undefined);
    await expect(rail(text.length).evaluate(context, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { findings: [{ kind: 'card', end: text.length }] },
    });
    await expect(rail(text.length - 1).evaluate(context, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxLength', max: text.length - 1 },
    });
  });

  it('refuses an object key over maxLength before scanning it for the path', async () => {
    const key = 'k'.repeat(5000);
    const verdict = await piiRail({
      maxLength: 1000,
      selectValue: () => ({ [key]: 'v' }),
      kinds: ['email'],
    }).evaluate(railContext(undefined), options);
    expect(verdict).toMatchObject({ verdict: 'escalate', evidence: { limit: 'maxLength' } });
  });

  it('judges a value exactly maxDepth deep and maxValues wide, and escalates one more', async () => {
    const nest = (depth: number): unknown => (depth === 0 ? 'x' : { a: nest(depth - 1) });
    const select = (value: unknown) => () => value;
    const at = (limits: { maxDepth?: number; maxValues?: number }, value: unknown) =>
      piiRail({ ...limits, selectValue: select(value) }).evaluate(railContext(undefined), options);
    await expect(at({ maxDepth: 3 }, nest(3))).resolves.toMatchObject({ verdict: 'allow' });
    await expect(at({ maxDepth: 3 }, nest(4))).resolves.toMatchObject({
      evidence: { limit: 'maxDepth' },
    });
    // The array itself is one value, each item another.
    await expect(at({ maxValues: 5 }, ['a', 'b', 'c', 'd'])).resolves.toMatchObject({
      verdict: 'allow',
    });
    await expect(at({ maxValues: 5 }, ['a', 'b', 'c', 'd', 'e'])).resolves.toMatchObject({
      evidence: { limit: 'maxValues', max: 5 },
    });
  });
});
