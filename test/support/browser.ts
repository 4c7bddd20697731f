// Headless Debian chromium through playwright-core (`npx playwright install` cannot download a browser
// here). `npm test` installs chromium as root or says what to install; run browser tests through it.

import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";
import { CHROMIUM, CHROMIUM_ARGS } from "../../scripts/setup.mjs";

export { CHROMIUM, CHROMIUM_ARGS };


export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/**
 * A fresh browser context with its own throwaway profile. `close()` closes the browser and removes the
 * profile; call it in `finally`/`after`.
 */
export async function launchBrowser(
  options: { viewport?: { width: number; height: number }; javaScriptEnabled?: boolean } = {},
): Promise<{ context: BrowserContext; close: () => Promise<void> }> {
  if (!chromiumAvailable()) {
    throw new Error(`${CHROMIUM} is missing: run the tests with \`npm test\` (it installs chromium or says how).`);
  }
  const profile = mkdtempSync(join(tmpdir(), "amsgrad-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 900 },
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  return {
    context,
    close: async () => {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Lets the context load only local pages (file:, data:, blob:, and http(s) on 127.0.0.1/localhost) and
 * aborts everything else. Returns the list of URLs that were refused: a test asserts it stays empty.
 */
export async function offlineOnly(context: BrowserContext): Promise<string[]> {
  const refused: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (/^(file|data|blob|about):/.test(url) || /^https?:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(url)) {
      return route.continue();
    }
    refused.push(url);
    return route.abort();
  });
  return refused;
}
