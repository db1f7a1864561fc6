import { access, constants, lstat, mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, HTTPRequest, Page, PDFMargin } from 'puppeteer-core';
import { writerOfNameIsGone, writerPrefix } from '../common/sweep-temp.js';
import { FifoSemaphore, QueueRefused } from './fifo-semaphore.js';
import {
  BrowserUnavailableError,
  RendererClosedError,
  RenderQueueFullError,
  RenderTimeoutError,
} from './render-errors.js';

export const BROWSER_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
];

/** Debian's Chromium headless on a server: no sandbox of its own (root), no GPU, no updates. */
export const HEADLESS_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const BROWSER_ARGS = [
  ...HEADLESS_ARGS,
  // Chromium 156 crashes the whole browser now and then when printing a page whose data: iframe sits
  // in another process; keeping frames in-process avoids it and costs us nothing (JavaScript is off).
  '--disable-site-isolation-trials',
  // Second line of defence behind request interception: anything that slipped through would go to
  // a proxy on a closed local port, loopback included, and fail.
  '--proxy-server=127.0.0.1:9',
  '--proxy-bypass-list=<-loopback>',
];

const LAUNCH_TIMEOUT_MS = 30_000;
/** Browser profiles are `mutu-chromium-<host>~<pid>~XXXXXX` in the system's temporary folder. */
const PROFILE_PREFIX = 'mutu-chromium-';
const DEFAULT_MARGIN: PDFMargin = { top: '24mm', bottom: '22mm', left: '18mm', right: '18mm' };
const EMPTY_TEMPLATE = '<span></span>';

export interface PdfRendererOptions {
  /** Chrome or Chromium to run; otherwise the first of BROWSER_CANDIDATES that exists. */
  executablePath?: string;
  /** Renders at once; the rest wait in line. Default: the number of CPUs. */
  concurrency?: number;
  /** Limit for one render once it has its turn (launching the browser included). Default 30 s. */
  timeoutMs?: number;
  /** Renders before the browser is replaced by a fresh one, to keep its memory flat. Default 200. */
  recycleAfter?: number;
  /**
   * Longest wait for a turn before the render is refused with RenderQueueFullError (503 with
   * Retry-After); the time limit starts only once the turn has come. Default 30 s.
   */
  queueWaitMs?: number;
  /** Most renders waiting for a turn; one more is refused at once. Default 100. */
  maxQueued?: number;
}

export interface RenderOptions {
  /** Chromium header template (own document: set font sizes; pageNumber/totalPages spans work). */
  headerHtml?: string;
  footerHtml?: string;
  /** Document title for the PDF metadata, when the HTML has none. */
  title?: string;
  margin?: PDFMargin;
}

export interface RenderResult {
  pdf: Buffer;
  pages: number;
  /** Every URL the page tried to load and was refused (data: URLs never leave the page). */
  refusedRequests: string[];
  /** From the call to the finished PDF, waiting in line included. */
  ms: number;
}

export interface RendererStats {
  launches: number;
  renders: number;
  inFlight: number;
  /** Renders waiting for a turn now. */
  queued: number;
  /** Renders refused since construction because the line was full or the wait ran out. */
  queueRefused: number;
  /** The bounds of the line: most waiting, longest wait (ms). */
  maxQueued: number;
  queueWaitMs: number;
  /** Most renders seen running at once since construction. */
  peakInFlight: number;
  /** Process id of the current browser, if one is running. */
  browserPid: number | undefined;
  /** Its temporary profile folder (removed when the browser closes or dies). */
  profileDir: string | undefined;
}

/** A page for one render, never used before: JavaScript off, every request but data: refused. */
interface PreparedPage {
  page: Page;
  /** The URLs this page tried to load and was refused. */
  refusedRequests: string[];
}

/** One launched browser, its profile folder and the renders it has served. */
class BrowserInstance {
  started = 0;
  leases = 0;
  private idleWaiters: (() => void)[] = [];
  /** The next render's page, opened while the previous one renders (or while nothing does). */
  private spare: Promise<PreparedPage> | undefined;

  constructor(
    readonly browser: Browser,
    readonly userDataDir: string,
  ) {}

  whenIdle(): Promise<void> {
    return this.leases === 0
      ? Promise.resolve()
      : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  release(): void {
    this.leases--;
    if (this.leases === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /**
   * A fresh page for one render: the one opened ahead if there is one (still opening, it is waited
   * for), else a new one. Opening and setting up a page needs no HTML, so it is done while the
   * previous render prints rather than on the way to this one.
   */
  async takePage(): Promise<PreparedPage> {
    const spare = this.spare;
    this.spare = undefined;
    const ready = await spare?.catch(() => undefined);
    if (ready && !ready.page.isClosed()) return ready;
    return openPage(this.browser);
  }

  /** Opens the page the next render will take, unless one is there already. */
  openSpare(): void {
    if (this.spare || !this.browser.connected) return;
    const spare = openPage(this.browser);
    spare.catch(() => {
      if (this.spare === spare) this.spare = undefined;
    });
    this.spare = spare;
  }
}

/**
 * A page in the browser's default context, not a fresh incognito context per render: with
 * JavaScript off and every request refused there is no state to keep apart, and a new context
 * costs a cold renderer process (fonts decoded again), about a third of a 40-page render.
 */
async function openPage(browser: Browser): Promise<PreparedPage> {
  const page = await browser.newPage();
  try {
    await page.setJavaScriptEnabled(false);
    await page.setRequestInterception(true);
  } catch (error) {
    await page.close().catch(() => undefined);
    throw error;
  }
  const refusedRequests: string[] = [];
  page.on('request', (request) => refuse(request, refusedRequests));
  return { page, refusedRequests };
}

/** A finished PDF whose page is still closing: `closed` settles (never rejects) once it is gone. */
interface Printed {
  pdf: Buffer;
  refusedRequests: string[];
  closed: Promise<void>;
}

interface Attempt {
  /** Closes the render's page; one promise however often it is called. */
  closePage?: () => Promise<void>;
  cancelled: boolean;
}

/**
 * HTML → PDF in one long-lived headless Chromium: launched on first use, relaunched when it dies or
 * after `recycleAfter` renders, a bounded number of renders at once, each in a page of its own
 * with JavaScript off and every network request refused.
 */
export class PdfRenderer {
  private readonly concurrency: number;
  private readonly timeoutMs: number;
  private readonly recycleAfter: number;
  private readonly queueWaitMs: number;
  private readonly maxQueued: number;
  private readonly slots: FifoSemaphore;
  private current: BrowserInstance | undefined;
  private launching: Promise<BrowserInstance> | undefined;
  private recycling: Promise<void> | undefined;
  private closing: Promise<void> | undefined;
  private launches = 0;
  private renders = 0;
  private peakInFlight = 0;
  private queueRefused = 0;

  constructor(private readonly options: PdfRendererOptions = {}) {
    this.concurrency = options.concurrency ?? availableParallelism();
    this.timeoutMs = options.timeoutMs ?? 30_000;
    this.recycleAfter = options.recycleAfter ?? 200;
    this.queueWaitMs = options.queueWaitMs ?? 30_000;
    this.maxQueued = options.maxQueued ?? 100;
    if (!(this.queueWaitMs >= 0)) throw new RangeError('queueWaitMs must not be negative');
    if (!Number.isInteger(this.maxQueued) || this.maxQueued < 0)
      throw new RangeError('maxQueued must be a whole number, 0 or more');
    if (!(this.timeoutMs > 0)) throw new RangeError('timeoutMs must be positive');
    if (!Number.isInteger(this.recycleAfter) || this.recycleAfter < 1) {
      throw new RangeError('recycleAfter must be a positive integer');
    }
    this.slots = new FifoSemaphore(this.concurrency);
  }

  async render(html: string, options: RenderOptions = {}): Promise<RenderResult> {
    const started = performance.now();
    if (this.closing) throw new RendererClosedError();
    let release: () => void;
    try {
      release = await this.slots.acquire({ maxWaiting: this.maxQueued, waitMs: this.queueWaitMs });
    } catch (error) {
      if (!(error instanceof QueueRefused)) throw error;
      this.queueRefused++;
      throw new RenderQueueFullError(this.retryAfterSeconds());
    }
    this.peakInFlight = Math.max(this.peakInFlight, this.slots.inUse);

    const attempt: Attempt = { cancelled: false };
    const work = this.renderWithRelaunch(html, options, attempt);
    // The place in line is given back only when Chromium is done with this render, timed out or
    // not: printed (its page then closes behind it), or failed and its page closed.
    void work.then(release, release);

    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new RenderTimeoutError(this.timeoutMs)), this.timeoutMs);
    });
    try {
      const { pdf, refusedRequests } = await Promise.race([work, deadline]);
      this.renders++;
      return { pdf, pages: countPdfPages(pdf), refusedRequests, ms: performance.now() - started };
    } catch (error) {
      if (error instanceof RenderTimeoutError) {
        attempt.cancelled = true;
        // Closing the page stops its work; renderIn waits for it and frees the place.
        attempt.closePage?.().catch(() => undefined);
      }
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Shuts down: refuses queued renders, lets running ones finish, closes the browser. */
  close(): Promise<void> {
    this.closing ??= this.shutdown();
    return this.closing;
  }

  stats(): RendererStats {
    return {
      launches: this.launches,
      renders: this.renders,
      inFlight: this.slots.inUse,
      queued: this.slots.waiting,
      queueRefused: this.queueRefused,
      maxQueued: this.maxQueued,
      queueWaitMs: this.queueWaitMs,
      peakInFlight: this.peakInFlight,
      browserPid: this.current?.browser.process()?.pid,
      profileDir: this.current?.userDataDir,
    };
  }

  /** A client told to come back: about when the renders now in line should be done, 5 s at least. */
  private retryAfterSeconds(): number {
    const perRender = this.timeoutMs / 1000 / 4;
    const ahead = (this.slots.waiting + this.slots.inUse) / this.concurrency;
    return Math.min(Math.max(5, Math.ceil(perRender * ahead)), 300);
  }

  private async renderWithRelaunch(
    html: string,
    options: RenderOptions,
    attempt: Attempt,
  ): Promise<Printed> {
    for (let tries = 1; ; tries++) {
      const instance = await this.lease();
      let closed: Promise<void> | undefined;
      try {
        if (attempt.cancelled) throw new RenderTimeoutError(this.timeoutMs);
        // A browser killed mid-render can leave its CDP calls pending: stop waiting when it goes.
        const gone = whenDisconnected(instance.browser);
        const rendering = this.renderIn(instance, html, options, attempt);
        rendering.catch(() => undefined);
        try {
          const printed = await Promise.race([rendering, gone.promise]);
          closed = printed.closed;
          return printed;
        } finally {
          gone.dispose();
        }
      } catch (error) {
        // The browser died under this render (crash, OOM kill): one more go on a fresh one.
        const browserDied = !instance.browser.connected && !attempt.cancelled && !this.closing;
        if (!browserDied || tries >= 2) throw error;
      } finally {
        // The browser is free of this render (for recycling) once its page is closed.
        if (closed) void closed.then(() => instance.release());
        else instance.release();
      }
    }
  }

  private async renderIn(
    instance: BrowserInstance,
    html: string,
    options: RenderOptions,
    attempt: Attempt,
  ): Promise<Printed> {
    const { page, refusedRequests } = await instance.takePage();
    // The next render's page opens meanwhile, unless this browser retires after this render.
    if (instance.started < this.recycleAfter && !this.closing) instance.openSpare();
    let closing: Promise<void> | undefined;
    const closePage = (): Promise<void> =>
      (closing ??= page.close().catch(() => {
        // Still connected yet unable to close a page: wedged. Kill it; the next render relaunches.
        if (instance.browser.connected) instance.browser.process()?.kill('SIGKILL');
      }));
    attempt.closePage = closePage;
    try {
      if (attempt.cancelled) throw new RenderTimeoutError(this.timeoutMs);
      await page.setContent(html, { waitUntil: 'load', timeout: this.timeoutMs });
      if (options.title) {
        // Runs in DevTools' own world, which page-level "JavaScript off" does not affect.
        await page.evaluate((title) => {
          const doc = (globalThis as unknown as { document: { title: string } }).document;
          if (!doc.title) doc.title = title;
        }, options.title);
      }
      const withChrome = Boolean(options.headerHtml ?? options.footerHtml);
      const pdf = await page.pdf({
        format: 'A4',
        printBackground: true,
        displayHeaderFooter: withChrome,
        headerTemplate: options.headerHtml ?? EMPTY_TEMPLATE,
        footerTemplate: options.footerHtml ?? EMPTY_TEMPLATE,
        margin: options.margin ?? DEFAULT_MARGIN,
        outline: true,
        tagged: true,
        timeout: this.timeoutMs,
      });
      // The PDF goes to the caller now; the page closes behind it.
      return { pdf: Buffer.from(pdf), refusedRequests, closed: closePage() };
    } catch (error) {
      await closePage();
      throw error;
    }
  }

  /** A running browser to render in, launching or recycling first when needed. */
  private async lease(): Promise<BrowserInstance> {
    for (;;) {
      if (this.closing) throw new RendererClosedError();
      if (this.recycling) {
        await this.recycling;
        continue;
      }
      const instance = this.current?.browser.connected ? this.current : await this.launch();
      if (this.recycling || this.closing || instance !== this.current) continue;
      if (instance.started >= this.recycleAfter) {
        const recycling = this.retire(instance).finally(() => {
          if (this.recycling === recycling) this.recycling = undefined;
        });
        this.recycling = recycling;
        continue;
      }
      instance.started++;
      instance.leases++;
      return instance;
    }
  }

  /** Waits until nothing renders in the instance any more, then closes it. */
  private async retire(instance: BrowserInstance): Promise<void> {
    await instance.whenIdle();
    if (this.current === instance) this.current = undefined;
    try {
      await instance.browser.close();
    } catch {
      instance.browser.process()?.kill('SIGKILL');
    }
    await removeProfile(instance.userDataDir);
  }

  private launch(): Promise<BrowserInstance> {
    this.launching ??= this.startBrowser().finally(() => {
      this.launching = undefined;
    });
    return this.launching;
  }

  private async startBrowser(): Promise<BrowserInstance> {
    const executablePath = await this.findExecutable();
    const userDataDir = await mkdtemp(join(tmpdir(), `${PROFILE_PREFIX}${writerPrefix()}`));
    let browser: Browser;
    try {
      // Loaded on the first render: most processes (and every test file) never print a PDF.
      const { default: puppeteer } = await import('puppeteer-core');
      browser = await puppeteer.launch({
        executablePath,
        headless: true,
        pipe: true,
        userDataDir,
        args: BROWSER_ARGS,
        handleSIGINT: false,
        handleSIGTERM: false,
        handleSIGHUP: false,
        timeout: LAUNCH_TIMEOUT_MS,
        // A browser that does not answer a DevTools call for this long is wedged, not busy.
        protocolTimeout: this.timeoutMs + 15_000,
      });
    } catch (error) {
      await removeProfile(userDataDir);
      const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
      throw new BrowserUnavailableError(
        `Chromium at ${executablePath} did not start (${reason}).`,
        error,
      );
    }
    const instance = new BrowserInstance(browser, userDataDir);
    browser.once('disconnected', () => {
      if (this.current === instance) this.current = undefined;
      void removeProfile(userDataDir);
    });
    this.launches++;
    this.current = instance;
    return instance;
  }

  private async findExecutable(): Promise<string> {
    const candidates = this.options.executablePath
      ? [this.options.executablePath]
      : BROWSER_CANDIDATES;
    for (const path of candidates) {
      try {
        await access(path, constants.X_OK);
        return path;
      } catch {
        // try the next one
      }
    }
    throw new BrowserUnavailableError(
      `No Chrome or Chromium executable found (looked for ${candidates.join(', ')}).`,
    );
  }

  private async shutdown(): Promise<void> {
    this.slots.refuseWaiting(new RendererClosedError());
    await this.launching?.catch(() => undefined);
    await this.recycling?.catch(() => undefined);
    if (this.current) await this.retire(this.current);
  }
}

/** Lets data: URLs through (they never reach the network and cannot be intercepted) and refuses the rest. */
function refuse(request: HTTPRequest, refused: string[]): void {
  const url = request.url();
  if (url.startsWith('data:')) return;
  refused.push(url);
  request.abort('blockedbyclient').catch(() => undefined);
}

async function removeProfile(dir: string): Promise<void> {
  await rm(dir, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 }).catch(
    () => undefined,
  );
}

/**
 * Removes the browser profiles a killed Mutu process of this host left in the temporary folder
 * (a profile is removed when its browser closes, which a SIGKILLed server never sees); returns how
 * many. Profiles of live processes, of other hosts and of older versions are left alone.
 */
export async function sweepBrowserProfiles(dir = tmpdir()): Promise<number> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => n.startsWith(PROFILE_PREFIX));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    try {
      const s = await lstat(join(dir, name));
      if (!s.isDirectory() || !writerOfNameIsGone(name, PROFILE_PREFIX, s.mtimeMs)) continue;
      await removeProfile(join(dir, name));
      removed++;
    } catch {
      // gone meanwhile
    }
  }
  return removed;
}

/** Page objects in a PDF as Chromium writes it (`/Type /Page`, not the `/Type /Pages` tree nodes). */
export function countPdfPages(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![A-Za-z])/g)?.length ?? 0;
}

/** Rejects as soon as the browser disconnects (at once if it already has). */
function whenDisconnected(browser: Browser): { promise: Promise<never>; dispose(): void } {
  let onDisconnect: () => void = () => undefined;
  const promise = new Promise<never>((_, reject) => {
    onDisconnect = () => reject(new Error('The browser disconnected during the render'));
    if (browser.connected) browser.once('disconnected', onDisconnect);
    else onDisconnect();
  });
  promise.catch(() => undefined);
  return { promise, dispose: () => void browser.off('disconnected', onDisconnect) };
}
