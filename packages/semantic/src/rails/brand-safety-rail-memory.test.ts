import type { RailContext } from '@guardloop/core';
import { describe, expect, it, vi } from 'vitest';
import { brandSafetyRail } from './brand-safety-rail';
import { options, railContext } from './rail-context.fixture';

// Every text the rails' checks are given, to see what is checked again.
const checked = vi.hoisted(() => [] as string[]);
vi.mock('../brand-safety/check-brand-safety', async (importOriginal) => {
  const original = await importOriginal<typeof import('../brand-safety/check-brand-safety')>();
  return {
    ...original,
    createBrandSafetyCheck: (...args: Parameters<typeof original.createBrandSafetyCheck>) => {
      const check = original.createBrandSafetyCheck(...args);
      return (text: string) => {
        checked.push(text);
        return check(text);
      };
    },
  };
});

const macro = 'Hello, I have sent a password reset link to the e-mail address on your account.';
const context = (draft: string, customerId: string): RailContext =>
  railContext('locked out', {
    attributes: { draft },
    action: { name: 'send_reset_link', input: { customerId, channel: 'email' }, dryRun: false },
  });

describe('brandSafetyRail, strings found clean', () => {
  it('checks a repeated clean draft once, and only the strings it has not seen', async () => {
    const rail = brandSafetyRail();
    checked.length = 0;
    await expect(rail.evaluate(context(macro, 'customer-1'), options)).resolves.toMatchObject({
      verdict: 'allow',
    });
    expect(checked.join('\n')).toContain(macro);
    checked.length = 0;
    await expect(rail.evaluate(context(macro, 'customer-2'), options)).resolves.toMatchObject({
      verdict: 'allow',
    });
    // The macro, `email` and every key were found clean before: only the new id is checked.
    expect(checked).toEqual(['customer-2']);
  });

  it('checks a string again every time once it had findings, and after a check with findings', async () => {
    const rail = brandSafetyRail();
    const profane = 'this shit is slow';
    for (let round = 0; round < 3; round++) {
      checked.length = 0;
      const verdict = await rail.evaluate(context(profane, 'customer-1'), options);
      expect(verdict).toMatchObject({ verdict: 'deny' });
      expect(checked.join('\n')).toContain(profane);
      // `customer-1` was in a check with findings: not remembered either.
      expect(checked.join('\n')).toContain('customer-1');
    }
  });

  it('does not remember a text longer than a few paragraphs', async () => {
    const rail = brandSafetyRail();
    const long = `${macro} `.repeat(60);
    for (let round = 0; round < 2; round++) {
      checked.length = 0;
      await rail.evaluate(context(long, 'customer-1'), options);
      expect(checked.join('\n')).toContain(long);
    }
  });
});
