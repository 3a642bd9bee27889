import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { type ServerType, serve } from '@hono/node-server';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browserRequired, chromiumPath, launchChromium } from '../test-support/chromium';
import { createTestConsole, type TestConsole } from '../test-support/console-fixture';

const screenshots = join(import.meta.dirname, '../../../../.cache/console-screenshots');

if (!chromiumPath) {
  if (browserRequired)
    throw new Error('GUARDLOOP_REQUIRE_BROWSER=1 but no Chromium found (apt-get install chromium)');
  console.warn('Skipping the console browser tests: no Chromium found (apt-get install chromium).');
}

describe.skipIf(!chromiumPath)('console in Chromium', () => {
  let fixture: TestConsole;
  let server: ServerType;
  let chromium: Awaited<ReturnType<typeof launchChromium>>;
  let browser: BrowserContext;
  let origin = '';
  const consoleErrors: string[] = [];

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    fixture = await createTestConsole();
    server = serve({ fetch: fixture.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    chromium = await launchChromium(chromiumPath ?? '');
    browser = chromium.context;
  });
  afterAll(async () => {
    await chromium?.close();
    await new Promise((resolve) => server?.close(resolve));
    await fixture?.close();
  });

  async function open(reviewerId: string): Promise<Page> {
    const page = await browser.newPage();
    // Two shared cores run every test project at once: waits get room, never a fixed sleep.
    page.setDefaultTimeout(60_000);
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    page.on('pageerror', (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
    page.on('dialog', (dialog) => void dialog.accept());
    await browser.clearCookies();
    await page.goto(`${origin}/sign-in`);
    if (reviewerId === 'sam') await page.screenshot({ path: join(screenshots, 'sign-in.png') });
    await page.selectOption('select[name="reviewerId"]', reviewerId);
    await page.fill('input[name="passcode"]', reviewerId);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(`${origin}/inbox`);
    return page;
  }

  const row = (page: Page, traceId: string) => page.locator(`tr[data-trace="${traceId}"]`).first();

  it('signs in and approves an escalation: the action is in the undo log, an approved outcome recorded', async () => {
    const page = await open('sam');
    await expect.poll(() => page.getByTestId('reviewer').textContent()).toContain('Sam');
    await page.screenshot({ path: join(screenshots, 'inbox.png'), fullPage: true });
    const traceId = fixture.tickets.deletion?.ticket.id ?? '';
    await row(page, traceId).locator('a').click();
    await page.getByTestId('approve').waitFor();
    await page.screenshot({ path: join(screenshots, 'escalation.png'), fullPage: true });
    await page.getByTestId('approve').click();
    await page.getByTestId('item-status').filter({ hasText: 'approved' }).waitFor();
    const records = await fixture.services.undoLog.listTrace(traceId);
    expect(records.map((record) => [record.actionName, record.status])).toEqual([
      ['delete_account', 'done'],
    ]);
    await page.goto(`${origin}/tickets/${traceId}`);
    await page.locator('[data-outcome="human_decision:approved"]').waitFor();
    await page.screenshot({ path: join(screenshots, 'ticket.png'), fullPage: true });
    await page.close();
  });

  it('edits and approves with the form generated from the input schema', async () => {
    const page = await open('sam');
    const traceId = fixture.tickets.largeRefund?.ticket.id ?? '';
    await row(page, traceId).locator('a').click();
    await page.fill('#input-amountUsd', '120');
    await page.getByTestId('approve-with-edits').click();
    await page.getByTestId('item-status').filter({ hasText: 'approved' }).waitFor();
    await expect
      .poll(() => page.getByTestId('decision').textContent())
      .toContain('approve_with_edits');
    expect(fixture.services.desk.refunds.get(traceId)?.amountUsd).toBe(120);
    await page.close();
  });

  it('rejects with a reason: an override outcome is recorded', async () => {
    const page = await open('sam');
    const traceId = fixture.tickets.secondRefund?.ticket.id ?? '';
    await row(page, traceId).locator('a').click();
    await page.fill('form[action$="/reject"] input[name="reason"]', 'Order was never paid');
    await page.getByTestId('reject').click();
    await page.getByTestId('item-status').filter({ hasText: 'rejected' }).waitFor();
    await page.goto(`${origin}/tickets/${traceId}`);
    await page.locator('[data-outcome="override"]').waitFor();
    await page.locator('[data-outcome="human_decision:rejected"]').waitFor();
    await page.close();
  });

  it('undoes an autonomous action: the effect is reverted', async () => {
    const page = await open('sam');
    const traceId = fixture.tickets.tag?.ticket.id ?? '';
    expect(fixture.services.desk.tags.get(traceId)?.has('vip')).toBe(true);
    await page.goto(`${origin}/actions`);
    await page.screenshot({ path: join(screenshots, 'actions.png'), fullPage: true });
    const undo = page.locator(`[data-testid="autonomous-actions"] tr[data-trace="${traceId}"]`);
    await undo.locator('input[name="reason"]').fill('Customer is not a VIP');
    await undo.locator('button:has-text("Undo")').click();
    await page.locator(`[data-testid="undone-actions"] tr[data-trace="${traceId}"]`).waitFor();
    expect(fixture.services.desk.tags.get(traceId)?.has('vip')).toBe(false);
    await page.close();
  });

  it('refuses a reviewer without authority: no Approve button, and a forged POST gets 403', async () => {
    const page = await open('ria');
    const deletion = await fixture.simulation.submit({
      kind: 'deletion',
      ticket: {
        customer: 'Kenji Mori',
        channel: 'chat',
        accountId: 'A-77',
        orderId: 'O-77',
        category: 'privacy',
        subject: 'Delete me',
      },
    });
    await page.goto(`${origin}/inbox/${deletion?.escalationId}`);
    await page.getByTestId('no-authority').waitFor();
    expect(await page.getByTestId('approve').count()).toBe(0);
    const csrf = await page.locator('input[name="csrf"]').first().inputValue();
    // The forged POST goes out with the page's cookies, outside the page (so it logs nothing there).
    const forged = await page.request.post(`${origin}/inbox/${deletion?.escalationId}/approve`, {
      form: { csrf },
    });
    const status = forged.status();
    expect(status).toBe(403);
    await page.screenshot({ path: join(screenshots, 'no-authority.png'), fullPage: true });
    await page.close();
  });

  it('draws the health charts with uPlot, and no page logged a console error', async () => {
    const page = await open('sam');
    await page.goto(`${origin}/health`);
    await page.locator('#budget-chart .uplot').waitFor();
    await page.locator('#routing-chart .uplot').waitFor();
    await page.getByTestId('maturity').locator('tr[data-dimension="routing"]').waitFor();
    expect(await page.getByTestId('maturity').locator('tbody tr').count()).toBe(4);
    await page.screenshot({ path: join(screenshots, 'health.png'), fullPage: true });
    // The Ticket page's span waterfall: bars laid out by CSS, one per span.
    await page.goto(`${origin}/tickets/${fixture.tickets.tag?.ticket.id}`);
    const bars = page.getByTestId('waterfall').locator('.waterfall-bar');
    await bars.first().waitFor();
    expect(await bars.count()).toBeGreaterThanOrEqual(3);
    expect((await bars.first().boundingBox())?.width ?? 0).toBeGreaterThan(0);
    await page.getByTestId('ticket-sla').waitFor();
    await page.screenshot({ path: join(screenshots, 'ticket-waterfall.png'), fullPage: true });
    for (const path of [
      '/inbox',
      '/actions',
      '/tickets/new',
      `/tickets/${fixture.tickets.failedReturn?.ticket.id}`,
    ])
      await page.goto(`${origin}${path}`);
    await page.close();
    expect(consoleErrors).toEqual([]);
  });
});
