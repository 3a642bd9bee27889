import { GuardloopError, type RailContext } from '@guardloop/core';
import { createSeededRandom } from '@guardloop/core/internal';
import { describe, expect, it } from 'vitest';
import { checkBrandSafety } from '../brand-safety/check-brand-safety';
import { brandSafetyRail } from './brand-safety-rail';
import { options, railContext } from './rail-context.fixture';
import { selectDraftText } from './select-text';

const withDraft = (draft: string) => railContext('my order is late', { attributes: { draft } });

/**
 * A rail's findings in `attributes` (its strings checked in one pass) are those of checking each
 * string on its own. A new rail each time: none remembers strings from another decision.
 */
async function expectFindingsOfEachString(attributes: Record<string, string>) {
  const rail = brandSafetyRail({ selectValue: (context) => context.attributes });
  const verdict = await rail.evaluate(railContext(undefined, { attributes }), options);
  const alone = Object.entries(attributes).flatMap(([path, text]) =>
    checkBrandSafety(text).map((finding) => ({ ...finding, path })),
  );
  const findings = (verdict.evidence as { findings?: unknown[] } | undefined)?.findings ?? [];
  expect(findings).toEqual(alone);
}

describe('brandSafetyRail', () => {
  const rail = brandSafetyRail();

  it('allows a clean draft, and a context without a draft', async () => {
    expect(rail).toMatchObject({ name: 'brand-safety', kind: 'deterministic' });
    await expect(
      rail.evaluate(withDraft('Your parcel left our warehouse today.'), options),
    ).resolves.toMatchObject({ verdict: 'allow' });
    await expect(rail.evaluate(railContext('hello'), options)).resolves.toMatchObject({
      verdict: 'allow',
      reason: 'No outgoing draft to check.',
    });
  });

  it('denies profanity and credential requests, listing findings as evidence', async () => {
    const verdict = await rail.evaluate(
      withDraft('Send me your password, this shit is slow'),
      options,
    );
    expect(verdict.verdict).toBe('deny');
    const findings = (verdict.evidence as { findings: Array<{ id: string }> }).findings;
    expect(findings.map((finding) => finding.id)).toEqual(['credentials_request', 'profanity']);
  });

  it('escalates commitments a human must approve', async () => {
    await expect(
      rail.evaluate(withDraft('We will issue a full refund by Friday.'), options),
    ).resolves.toMatchObject({ verdict: 'escalate', reason: 'The reply promises a refund.' });
  });

  it('reads the draft from the action input when attributes have none', async () => {
    const context = railContext('x', {
      action: {
        name: 'send_reply',
        input: { reply: 'You idiot.' },
        reversible: false,
        dryRun: false,
      },
    });
    await expect(rail.evaluate(context, options)).resolves.toMatchObject({ verdict: 'deny' });
  });

  it('can escalate profanity instead of denying it, and use a custom selector', async () => {
    const lenient = brandSafetyRail({
      profanityVerdict: 'escalate',
      selectText: (context) => context.attributes?.note as string | undefined,
    });
    const context = railContext('x', { attributes: { note: 'that was fucking fast' } });
    await expect(lenient.evaluate(context, options)).resolves.toMatchObject({
      verdict: 'escalate',
    });
  });

  it('checks every string of the draft and the action input, not only the first draft field', async () => {
    const action = (input: Record<string, unknown>): Partial<RailContext> => ({
      action: { name: 'send_reply', input, reversible: false, dryRun: false },
    });
    const cases: Array<[string, Partial<RailContext>, string, string]> = [
      [
        'a second draft field',
        action({ reply: 'Thanks!', body: 'this shit is slow' }),
        'action.input.body',
        'deny',
      ],
      [
        'the subject',
        action({ subject: 'You idiot', body: 'Hello' }),
        'action.input.subject',
        'deny',
      ],
      [
        'a nested object',
        action({ reply: 'Hi', meta: { note: { text: 'We will issue a full refund.' } } }),
        'action.input.meta.note.text',
        'escalate',
      ],
      [
        'an array',
        action({ reply: 'Hi', paragraphs: ['ok', 'what the fuck'] }),
        'action.input.paragraphs[1]',
        'deny',
      ],
      [
        'the action input besides a string draft',
        { attributes: { draft: 'Hello' }, ...action({ footer: 'Send me your password.' }) },
        'action.input.footer',
        'deny',
      ],
      [
        'a structured draft',
        { attributes: { draft: { greeting: 'Hi', body: 'This is shit.' } } },
        'attributes.draft.body',
        'deny',
      ],
    ];
    for (const [name, extra, path, verdict] of cases) {
      const result = await rail.evaluate(railContext('my order is late', extra), options);
      expect(result.verdict, name).toBe(verdict);
      const findings = (result.evidence as { findings: Array<{ path?: string }> }).findings;
      expect(
        findings.map((finding) => finding.path),
        name,
      ).toEqual([path]);
    }
    // The customer's own words are not the brand's: the signal is not checked.
    await expect(
      rail.evaluate(railContext('this shit is broken', action({ reply: 'Sorry!' })), options),
    ).resolves.toMatchObject({ verdict: 'allow' });
  });

  it('sees through zero-width, format, fullwidth and no-break-space evasions', async () => {
    const cases: Array<[string, string, string]> = [
      ['f\u200Buck you', 'profanity', 'f\u200Buck'],
      ['sh\u200Dit happens', 'profanity', 'sh\u200Dit'],
      ['f\u00ADu\u2060c\uFEFFk', 'profanity', 'f\u00ADu\u2060c\uFEFFk'],
      ['You \uFF49\uFF44\uFF49\uFF4F\uFF54.', 'abuse', '\uFF49\uFF44\uFF49\uFF4F\uFF54'],
      ['You id\u200Biot.', 'abuse', 'id\u200Biot'],
      ['Please send me your pass\u200Bword.', 'credentials_request', 'send me your pass\u200Bword'],
      [
        'We\u00A0will\u00A0issue a full refund.',
        'refund_promise',
        'We\u00A0will\u00A0issue a full refund',
      ],
      [
        'We will issue a full \uFF52\uFF45\uFF46\uFF55\uFF4E\uFF44.',
        'refund_promise',
        'We will issue a full \uFF52\uFF45\uFF46\uFF55\uFF4E\uFF44',
      ],
    ];
    for (const [draft, id, match] of cases) {
      const result = await rail.evaluate(withDraft(draft), options);
      expect(result.verdict, draft).not.toBe('allow');
      const findings = (result.evidence as { findings: Array<Record<string, unknown>> }).findings;
      // Positions and the match refer to the original text, evasion characters included.
      const start = draft.indexOf(match);
      expect(findings, draft).toMatchObject([
        { id, match, start, end: start + match.length, path: 'attributes.draft' },
      ]);
    }
  });

  it('survives cycles and fails closed past its depth, size and value limits', async () => {
    const cyclic: Record<string, unknown> = { body: 'you idiot' };
    cyclic.self = cyclic;
    await expect(
      rail.evaluate(railContext('hi', { attributes: { draft: cyclic } }), options),
    ).resolves.toMatchObject({
      verdict: 'deny',
      evidence: { findings: [{ id: 'abuse', path: 'attributes.draft.body' }] },
    });

    let deep: unknown = 'fuck';
    for (let level = 0; level < 40; level++) deep = { next: deep };
    await expect(
      rail.evaluate(railContext('hi', { attributes: { draft: deep } }), options),
    ).resolves.toMatchObject({ verdict: 'escalate', evidence: { limit: 'maxDepth', max: 32 } });

    const long = railContext('hi', { attributes: { draft: ['a'.repeat(60), 'b'.repeat(60)] } });
    const tooLong = await brandSafetyRail({ maxLength: 100 }).evaluate(long, options);
    expect(tooLong).toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxLength', max: 100 },
    });
    expect(tooLong.reason).toContain('more than 100 characters');
    const huge = withDraft(`${'a '.repeat(50_000)}fuck`);
    await expect(rail.evaluate(huge, options)).resolves.toMatchObject({
      verdict: 'escalate',
      evidence: { limit: 'maxLength', max: 100_000 },
    });

    const many = railContext('hi', {
      attributes: { draft: Array.from({ length: 50 }, () => 'ok') },
    });
    await expect(brandSafetyRail({ maxValues: 20 }).evaluate(many, options)).resolves.toMatchObject(
      { verdict: 'escalate', evidence: { limit: 'maxValues', max: 20 } },
    );
  });

  it('keeps the one-text mode with selectText, and takes selectValue', async () => {
    const oneText = brandSafetyRail({ selectText: selectDraftText });
    const verdict = await oneText.evaluate(withDraft('You idiot.'), options);
    expect(verdict).toMatchObject({
      verdict: 'deny',
      evidence: { findings: [{ id: 'abuse', start: 4, end: 9 }] },
    });
    expect((verdict.evidence as { findings: object[] }).findings[0]).not.toHaveProperty('path');
    const custom = brandSafetyRail({ selectValue: (context) => context.attributes?.notes });
    const context = railContext('x', { attributes: { notes: [{ text: 'stupid' }] } });
    await expect(custom.evaluate(context, options)).resolves.toMatchObject({
      verdict: 'deny',
      evidence: { findings: [{ id: 'abuse', path: '[0].text' }] },
    });
  });

  it('rejects both selectors at once, bad limits and a non-function selector', () => {
    const codeOf = (run: () => unknown) => {
      try {
        run();
      } catch (caught) {
        return GuardloopError.isInstance(caught) ? caught.code : 'other';
      }
    };
    expect(
      codeOf(() => brandSafetyRail({ selectText: selectDraftText, selectValue: () => 'x' })),
    ).toBe('invalid_input');
    expect(codeOf(() => brandSafetyRail({ maxDepth: 0 }))).toBe('invalid_input');
    expect(codeOf(() => brandSafetyRail({ maxLength: -1 }))).toBe('invalid_input');
    expect(codeOf(() => brandSafetyRail({ selectValue: 'draft' as never }))).toBe('invalid_input');
  });

  it('stops when the evaluation is aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('cancelled'));
    await expect(
      rail.evaluate(withDraft('hello'), { abortSignal: controller.signal }),
    ).rejects.toThrow();
  });

  it('rejects malformed options with invalid_input', () => {
    const error = (() => {
      try {
        brandSafetyRail({ profanityVerdict: 'shrug' as 'deny' });
      } catch (caught) {
        return caught;
      }
    })();
    expect(GuardloopError.hasCode(error, 'invalid_input')).toBe(true);
  });

  it('checks many strings in one pass, with each finding at its own path and position', async () => {
    const rail = brandSafetyRail({ selectValue: (context) => context.attributes });
    const verdict = await rail.evaluate(
      railContext('x', {
        attributes: { greeting: 'Hello there', body: 'Well, that was fucking fast', sign: 'Bye' },
      }),
      options,
    );
    expect(verdict).toMatchObject({ verdict: 'deny' });
    const [finding] = (verdict.evidence as { findings: Array<Record<string, unknown>> }).findings;
    expect(finding).toMatchObject({ path: 'body', start: 15, end: 19, match: 'fuck' });
  });

  it('finds exactly what checking each string on its own finds', async () => {
    const cases: Record<string, string>[] = [
      { first: 'Thanks, fu', second: 'ck all done' },
      { a: 'f', b: 'uck' },
      { a: 's h', b: 'i t', c: 'clean' },
      { a: 'Hello', b: 'you fucking idiot', c: 'Send me your password.' },
      // Single-letter keys and values next to a word spelled out: joined to it, they made a
      // longer run (`a s h i t b`) that hid the word.
      { a: 's h i t', b: 'x' },
      { x: 'f u c k' },
      { note: 's h i t', b: 'Thanks, fu' },
    ];
    for (const attributes of cases) await expectFindingsOfEachString(attributes);
  });

  it('finds what checking each string on its own finds, on random decisions', async () => {
    // Pieces of words, spelled-out letters and commitments, in neighbouring strings: what the
    // one-pass check of the joined strings could read across them.
    const pieces = [
      'x',
      'shit',
      's',
      'h i t',
      'f u c k',
      'fu',
      'ck',
      'We will',
      'issue a full refund',
      'sh',
      'it',
      'a$$',
      'Scunthorpe',
      'thorpe',
      'Scun',
      'ass',
      'hole',
      'refund',
      'send me your',
      'password',
      'f',
      'u',
      'c',
      'k',
      'Hello there.',
      'fuuuck',
      'sh1t',
      '...',
      '- -',
      'I',
      'will',
      'give you a refund',
      'é',
      'ｆｕｃｋ',
    ];
    const random = createSeededRandom(11);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    for (let round = 0; round < 500; round++) {
      const attributes: Record<string, string> = {};
      const fields = 1 + Math.floor(random() * 4);
      for (let field = 0; field < fields; field++) {
        const parts = Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(pieces));
        attributes[String.fromCharCode(97 + field)] = parts.join(pick([' ', '', '\n']));
      }
      await expectFindingsOfEachString(attributes);
    }
  });

  it('judges every decision as a rail that never saw the ones before it would', async () => {
    // Strings repeat across decisions and are remembered once found clean: clean ones, profane
    // ones, pieces of spaced-out words in neighbouring fields, commitments, profane keys.
    const texts = [
      'Hello, I have sent a password reset link to your account.',
      'email',
      'customer-2689',
      'this shit is slow',
      'sh1t happens',
      'f u',
      'c k',
      's h i t',
      'We will issue a full refund by Friday.',
      'Send me your password.',
      'Scunthorpe',
      '',
      'Thanks, fu',
      'ck all done',
    ];
    const keys = ['reply', 'channel', 'body', 'shit', 'note', 'a', 'b'];
    const random = createSeededRandom(7);
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)] as T;
    const remembering = brandSafetyRail();
    for (let round = 0; round < 400; round++) {
      const input: Record<string, unknown> = {};
      const fields = 1 + Math.floor(random() * 3);
      for (let field = 0; field < fields; field++) input[pick(keys)] = pick(texts);
      const decision = railContext(undefined, {
        attributes: { draft: pick(texts) },
        action: { name: 'reply', input, dryRun: false },
      });
      const verdict = await remembering.evaluate(decision, options);
      await expect(brandSafetyRail().evaluate(decision, options)).resolves.toEqual(verdict);
    }
  });

  it('remembers clean keys across evaluations, never a key it found something in', async () => {
    const rail = brandSafetyRail({ selectValue: (context) => context.attributes });
    const judge = async (attributes: Record<string, unknown>) =>
      rail.evaluate(railContext(undefined, { attributes }), options);
    // The same keys, clean, many times; then the same keys around a profane value.
    for (let round = 0; round < 3; round++) {
      await expect(judge({ channel: 'email', body: 'Hello' })).resolves.toMatchObject({
        verdict: 'allow',
      });
    }
    const profaneValue = await judge({ channel: 'email', body: 'this shit is slow' });
    expect(profaneValue).toMatchObject({ verdict: 'deny' });
    expect(profaneValue.evidence).toMatchObject({ findings: [{ path: 'body', match: 'shit' }] });
    // A profane key is found every time, also next to keys remembered as clean, and when the
    // check that saw it first had other findings.
    for (let round = 0; round < 3; round++) {
      const verdict = await judge({ channel: 'email', shit: 'Hello', asshole: 'x' });
      expect(verdict).toMatchObject({ verdict: 'deny' });
      const findings = (verdict.evidence as { findings: Array<{ path: string }> }).findings;
      expect(findings.map((finding) => finding.path)).toEqual(['shit (key)', 'asshole (key)']);
    }
    // Past the memory's bound (1,024 keys) it starts over and stays right.
    for (let index = 0; index < 1_100; index++) await judge({ [`field${index}`]: 'Hello' });
    await expect(judge({ channel: 'email', shit: 'Hello' })).resolves.toMatchObject({
      verdict: 'deny',
    });
  });
});
