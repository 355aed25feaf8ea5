import { accessSync, constants } from 'node:fs';
import { type Browser, type BrowserContext, chromium } from 'playwright-core';

/** Debian's Chromium; CHROMIUM_PATH overrides it. Browsers are never downloaded. */
export const defaultChromiumPath = '/usr/bin/chromium';

// Quiet, offline and deterministic: no sandbox (containers), no GPU, no background traffic.
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const viewport = { width: 1280, height: 800 } as const;

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || defaultChromiumPath;
}

function assertExecutable(file: string): void {
  try {
    accessSync(file, constants.X_OK);
  } catch {
    throw new Error(
      [
        '',
        '==================================================================',
        ` Browser tests need Chromium, and none is executable at ${file}.`,
        ' Install it with: apt-get install -y chromium',
        ' or point CHROMIUM_PATH at a Chromium or Chrome binary.',
        '==================================================================',
      ].join('\n'),
    );
  }
}

export async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath();
  assertExecutable(executablePath);
  return chromium.launch({ executablePath, headless: true, args: chromiumArgs, timeout: 60_000 });
}

/** A fresh profile (no cookies) sized like the documentation screenshots. */
export function newContext(browser: Browser, baseURL: string): Promise<BrowserContext> {
  return browser.newContext({
    baseURL,
    viewport,
    reducedMotion: 'reduce',
    locale: 'en-US',
    timezoneId: 'UTC',
  });
}
