/** Launches the Debian Chromium for the browser tests, with a fresh profile and no network use. */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_MISSING_REASON = `skipped: ${CHROMIUM_PATH} is missing; install the Debian chromium package to run it`;

export function chromiumInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface Chromium {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Starts Chromium with a new user-data-dir, removed again on close. */
export async function launchChromium(viewport = { width: 1280, height: 900 }): Promise<Chromium> {
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'firebreak-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport,
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** Folder for screenshots, created on first use. */
export function outputDir(...parts: string[]): string {
  const dir = path.join(__dirname, '..', '..', 'test-output', ...parts);
  mkdirSync(dir, { recursive: true });
  return dir;
}
