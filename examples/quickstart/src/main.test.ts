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
