import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';

export const CHROMIUM =
  process.env.CHROMIUM_PATH ??
  ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Debian's Chromium, headless, with no network of its own beyond the app on loopback. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('No Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

/** Saves a full-page screenshot as a test artefact (not committed: test-artifacts/ is ignored). */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const path = join(ARTIFACTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/**
 * Presses the button (or link) `selector` and waits for the next page. The press is the element's
 * own click(), not a mouse click at coordinates: a PDF preview that finishes loading can move the
 * page under a mouse click on a loaded machine, and the click would land elsewhere.
 */
export async function submitAndWait(page: Page, selector: string): Promise<void> {
  await settle(page);
  const target = await page.waitForSelector(selector, { visible: true });
  if (!target) throw new Error(`nothing to press: ${selector}`);
  await Promise.all([
    page.waitForNavigation({ waitUntil: 'load' }),
    target.evaluate((e) => (e as HTMLElement).click()),
  ]);
}

/**
 * Waits until the page has stopped loading things, as a person would before moving on: Chromium's
 * PDF viewer fetches the file a second time after the page's load event, and leaving the page in
 * the middle of that can stall the next navigation in headless Chromium on a loaded machine.
 */
export async function settle(page: Page): Promise<void> {
  await page.waitForNetworkIdle({ idleTime: 250, timeout: 15_000 }).catch(() => undefined);
}
