import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { BROWSER_CANDIDATES, HEADLESS_ARGS } from '../../src/rendering/pdf-renderer.js';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? BROWSER_CANDIDATES.find((p) => existsSync(p));

/** Debian's Chromium, headless, with no network of its own beyond the app on loopback. */
export async function launchBrowser(): Promise<Browser> {
  if (!CHROMIUM) throw new Error('No Chromium: apt-get install -y chromium (or set CHROMIUM_PATH)');
  return puppeteer.launch({
    executablePath: CHROMIUM,
    headless: true,
    // The renderer's flags without its proxy: pages here talk to the app on loopback.
    args: HEADLESS_ARGS,
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

/** Per page: how often each URL finished loading since the page last navigated. */
const finished = new WeakMap<Page, Map<string, number>>();

/** Starts counting a page's finished requests (call once, right after creating the page). */
export function watchPage(page: Page): void {
  const counts = new Map<string, number>();
  finished.set(page, counts);
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) counts.clear();
  });
  page.on('requestfinished', (r) => counts.set(r.url(), (counts.get(r.url()) ?? 0) + 1));
}

/**
 * Waits for a PDF preview on the page to finish opening, as a person would before moving on:
 * Chromium's PDF viewer takes the framed file, then fetches it a second time after the page's load
 * event, and leaving the page in the middle of that stalls the next navigation in headless Chromium
 * on a loaded machine. (Network idle is no use: the stream handed to the viewer never counts as
 * finished.) Pages without a PDF preview, or not watched, return at once.
 */
export async function settle(page: Page): Promise<void> {
  const counts = finished.get(page);
  const src = await page.$eval('iframe[src*="inline=1"]', (f) => f.src).catch(() => null);
  if (!counts || !src) return;
  const deadline = Date.now() + 10_000;
  while ((counts.get(src) ?? 0) < 2 && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A phone's screen: pages must work on it (the officers' own phones). */
export const NARROW = { width: 375, height: 800 };

/** The demo accounts' password (seeds/demo). */
export const DEMO_PASSWORD = 'mutu-demo-2026';

/** Signs in through the sign-in page, as a user would, and waits for the page it leads to. */
export async function signIn(
  page: Page,
  baseUrl: string,
  username: string,
  password = DEMO_PASSWORD,
): Promise<Page> {
  await page.goto(`${baseUrl}/login`);
  await page.type('#username', username);
  await page.type('#password', password);
  await submitAndWait(page, 'button[type=submit]');
  return page;
}

export interface SignedInOptions {
  viewport?: { width: number; height: number };
  password?: string;
  /** Confirmation dialogs (withdraw, issue, "leave this page?") are answered yes. */
  acceptDialogs?: boolean;
  /** Count the page's finished requests, so that `settle` can wait for a PDF preview (watchPage). */
  watch?: boolean;
}

/** A page in a browser context of its own (its own cookies), signed in as `username`. */
export async function signedInPage(
  browser: Browser,
  baseUrl: string,
  username: string,
  options: SignedInOptions = {},
): Promise<Page> {
  const page = await (await browser.createBrowserContext()).newPage();
  if (options.viewport) await page.setViewport(options.viewport);
  if (options.acceptDialogs) page.on('dialog', (d) => void d.accept());
  if (options.watch) watchPage(page);
  return signIn(page, baseUrl, username, options.password);
}
