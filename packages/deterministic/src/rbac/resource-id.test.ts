import type { Actor } from '@guardloop/core';
import { describe, expect, it } from 'vitest';
import { createRbacPolicy } from './create-rbac-policy';
import { rbacRail } from './rbac-rail';
import { normalizeResourceId } from './resource-id';

// A deny on VIP invoices under a broader grant: every spelling of a VIP invoice must be denied.
const policy = createRbacPolicy({
  actions: ['refund'],
  roles: {
    agent: {
      allow: [{ action: 'refund', resource: 'invoice:*' }],
      deny: [{ action: 'refund', resource: 'invoice:vip-*' }],
    },
    desk: { allow: [{ action: 'refund', resource: 'invoice:42' }] },
  },
});
const actor = (roles: string[]): Actor => ({ id: 'ada', type: 'human', roles });
const check = (resource: string, roles = ['agent']) =>
  policy.check({ actor: actor(roles), action: 'refund', resource });

describe('RBAC resource normalisation', () => {
  // Each of these was granted through `invoice:*` before resources were normalised.
  const lookalikes: Record<string, string> = {
    'upper case': 'invoice:VIP-7',
    'mixed case prefix': 'Invoice:Vip-7',
    'U+2010 hyphen': 'invoice:vip\u20107',
    'U+2011 non-breaking hyphen': 'invoice:vip\u20117',
    'U+2013 en dash': 'invoice:vip\u20137',
    'U+2212 minus sign': 'invoice:vip\u22127',
    'U+FF0D fullwidth hyphen': 'invoice:vip\uFF0D7',
    'fullwidth letters': '\uFF49\uFF4E\uFF56\uFF4F\uFF49\uFF43\uFF45:\uFF36\uFF29\uFF30-7',
    'dotless i': 'invoice:v\u0131p-7',
  };
  for (const [name, resource] of Object.entries(lookalikes)) {
    it(`denies a VIP invoice spelled with ${name}`, () => {
      expect(check(resource)).toMatchObject({
        allowed: false,
        outcome: 'explicit_deny',
        grant: { resource: 'invoice:vip-*' },
      });
    });
  }

  const unsafe: Record<string, [string, RegExp]> = {
    'a zero-width space': ['invoice:vip\u200B-7', /U\+200B/],
    'a zero-width joiner': ['invoice:v\u200Dip-7', /U\+200D/],
    'a soft hyphen': ['invoice:vip\u00AD-7', /U\+00AD/],
    'a right-to-left override': ['invoice:\u202E7-piv', /U\+202E/],
    'a byte-order mark': ['\uFEFFinvoice:vip-7', /U\+FEFF/],
    'a NUL': ['invoice:vip-7\u0000', /U\+0000/],
    'a newline': ['invoice:1\nvip-7', /U\+000A/],
    'a space': ['invoice: vip-7', /U\+0020/],
    'a no-break space': ['invoice:\u00A0vip-7', /U\+00A0/],
    'a .. segment': ['invoice:1/../vip-7', /'\.\.' path segment/],
    'a . segment': ['invoice:./vip-7', /path segment/],
    'a .. segment between colons': ['invoice:..:vip-7', /path segment/],
    'a backslash': ['invoice:1\\..\\vip-7', /backslash/],
    'a fullwidth full stop pair': ['invoice:1/\uFF0E\uFF0E/vip-7', /path segment/],
    'percent-encoding': ['invoice:1/%2e%2e/vip-7', /percent-encoded/],
    'a lone high surrogate': ['invoice:vip-\uD800', /lone surrogate/],
    'a lone low surrogate': ['invoice:\uDC00', /lone surrogate/],
    'a private-use character': ['invoice:\uE000', /U\+E000/],
    'an unassigned code point': ['invoice:\u0378', /U\+0378/],
    'too many characters': [`invoice:${'9'.repeat(600)}`, /longer than 512/],
  };
  for (const [name, [resource, why]] of Object.entries(unsafe)) {
    it(`denies, saying why, a resource with ${name}`, () => {
      const result = check(resource);
      expect(result).toMatchObject({ allowed: false, outcome: 'invalid_resource' });
      expect(result.reason).toMatch(/is not a safe resource id/);
      expect(result.reason).toMatch(why);
      // The reason stays readable: invisible characters are escaped.
      expect(result.reason).toMatch(/^[\x20-\x7e]+$/);
    });
  }

  it('keeps granting what it granted, case-insensitively', () => {
    expect(check('invoice:42')).toMatchObject({ allowed: true, outcome: 'granted' });
    expect(check('invoice:vip')).toMatchObject({ allowed: true });
    expect(check('INVOICE:42', ['desk'])).toMatchObject({ allowed: true, outcome: 'granted' });
    expect(check('invoice:420', ['desk'])).toMatchObject({ allowed: false, outcome: 'no_grant' });
    expect(check('invoice:a.b/c..d', ['agent'])).toMatchObject({ allowed: true });
    expect(check('facture:é-1', ['agent'])).toMatchObject({ outcome: 'no_grant' });
  });

  it('normalises policy patterns the same way', () => {
    const shouting = createRbacPolicy({
      actions: ['refund'],
      roles: {
        agent: {
          allow: [{ action: 'refund', resource: 'INVOICE:*' }],
          deny: [{ action: 'refund', resource: 'Invoice:VIP\u2010*' }],
        },
      },
    });
    const request = (resource: string) =>
      shouting.check({ actor: actor(['agent']), action: 'refund', resource });
    expect(request('invoice:vip-7').outcome).toBe('explicit_deny');
    expect(request('invoice:1').outcome).toBe('granted');
  });

  it('refuses unsafe patterns when the policy is loaded', () => {
    for (const resource of ['invoice:\u200B*', 'a/../b', 'invoice:%2E%2E/*', 'x\\y', 'a b']) {
      expect(() =>
        createRbacPolicy({
          actions: ['refund'],
          roles: { agent: { deny: [{ action: 'refund', resource }] } },
        }),
      ).toThrow(expect.objectContaining({ code: 'invalid_policy' }));
    }
  });

  it('makes the rail deny with the reason and the outcome in its evidence', () => {
    const rail = rbacRail(policy);
    const judge = (resource: string) =>
      rail.evaluate(
        {
          traceId: 't',
          actor: actor(['agent']),
          action: { name: 'refund', input: {}, resource, reversible: true, dryRun: false },
        },
        { abortSignal: new AbortController().signal },
      );
    expect(judge('invoice:1/../vip-7')).toMatchObject({
      verdict: 'deny',
      reason: expect.stringMatching(
        /not a safe resource id \(it has a '\.' or '\.\.' path segment\)/,
      ),
      evidence: { outcome: 'invalid_resource' },
    });
    expect(judge('invoice:VIP-7')).toMatchObject({
      verdict: 'deny',
      evidence: { outcome: 'explicit_deny' },
    });
  });

  it('exposes the normalised form', () => {
    expect(normalizeResourceId('Invoice:VIP\u20107')).toEqual({ ok: true, id: 'invoice:vip-7' });
    expect(normalizeResourceId('stra\u00DFe:1')).toEqual({ ok: true, id: 'strasse:1' });
    expect(normalizeResourceId('a/../b')).toMatchObject({ ok: false });
  });
});
