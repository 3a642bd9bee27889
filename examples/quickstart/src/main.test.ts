import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runQuickstart } from './main';

describe('quickstart', () => {
  it('acts on a password reset through the undo log and counts the outcome in the KPIs', async () => {
    const { result, metrics, actions, resetLinks } = await runQuickstart();
    expect(result.status).toBe('acted');
    expect(result.intent).toMatchObject({ label: 'password_reset', abstained: false });
    expect(actions).toEqual([
      expect.objectContaining({ actionName: 'send_reset_link', status: 'done' }),
    ]);
    expect(resetLinks).toEqual(['ada@example.com']);
    expect(metrics.firstContactResolution).toMatchObject({
      value: 1,
      numerator: 1,
      denominator: 1,
    });
    expect(metrics.csat.value).toBe(5);
  });

  it('denies a staff account by the business rule, and nothing runs', async () => {
    const { result, actions, resetLinks } = await runQuickstart({
      subject: 'Password reset',
      body: 'I forgot my password and cannot log in',
      email: 'sam@guardloop.example',
    });
    expect(result.status).toBe('rejected');
    expect(result.decision?.reason).toMatch(/Staff reset their password with IT/);
    expect(actions).toEqual([]);
    expect(resetLinks).toEqual([]);
  });

  it('escalates a ticket the classifier does not recognise', async () => {
    const { result, actions, metrics } = await runQuickstart({
      subject: 'Wine',
      body: 'Which wine goes with salmon?',
      email: 'ada@example.com',
    });
    expect(result.status).toBe('escalated');
    expect(actions).toEqual([]);
    expect(metrics.firstContactResolution.value).toBeNull();
  });
});

describe('docs/getting-started.md', () => {
  it('walks through this very code: every line of its samples is in main.ts, in order', () => {
    const guide = readFileSync(
      join(import.meta.dirname, '../../../docs/getting-started.md'),
      'utf8',
    );
    const code = readFileSync(join(import.meta.dirname, 'main.ts'), 'utf8')
      .split('\n')
      .map((line) => line.trim());
    const samples = [...guide.matchAll(/^```ts[^\n]*\n([\s\S]*?)^```/gm)].map((match) =>
      (match[1] ?? '').split('\n').map((line) => line.trim()),
    );
    expect(samples.length).toBeGreaterThanOrEqual(6);
    let at = 0;
    for (const line of samples.flat().filter(Boolean)) {
      const found = code.indexOf(line, at);
      expect(found, `not in main.ts (in this order): ${line}`).toBeGreaterThanOrEqual(0);
      at = found + 1;
    }
  });
});
