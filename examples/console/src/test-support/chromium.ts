import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

/**
 * Debian's Chromium (apt-get install chromium): Playwright drives it, no browser download.
 * `GUARDLOOP_CHROMIUM_PATH` names another binary (and only that one).
 */
const candidates = process.env.GUARDLOOP_CHROMIUM_PATH
  ? [process.env.GUARDLOOP_CHROMIUM_PATH]
  : ['/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const chromiumPath = candidates.find((path) => existsSync(path));

export const browserRequired = process.env.GUARDLOOP_REQUIRE_BROWSER === '1';

const args = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fresh Chromium with a new empty profile; `close` also deletes the profile. */
export async function launchChromium(executablePath: string) {
  const userDataDir = await mkdtemp(join(tmpdir(), 'guardloop-console-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    args,
  });
  return {
    context,
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
