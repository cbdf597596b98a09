// What the page scripts share: Debian's headless Chromium, expectations collected rather than thrown, polling
// with a deadline, and the two checks every page must pass (its own Content-Security-Policy, no request leaving
// the service).
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const problems = [];
const cspViolations = [];
const foreign = [];

export const log = (line) => console.log(`[${new Date().toISOString()}] ${line}`);

/** Records a failed expectation; the run goes on and fails at the end with all of them. */
export function expect(ok, what) {
  if (!ok) {
    problems.push(what);
    log(`FAILED: ${what}`);
  }
}

/** Polls `probe` (which may throw while a page reloads) until it returns true, or throws once `ms` pass. */
export async function until(what, ms, probe, everyMs = 250) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return true;
    } catch (e) {
      last = e; // the page was refreshing itself: try again
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`${what}: not seen within ${ms} ms${last ? ` (${last.message})` : ''}`);
}

export const text = (page, selector) => page.locator(selector).first().innerText({ timeout: 2000 });
// Inside a closed <details>: not rendered, so its text content.
export const content = async (page, selector) => (await page.locator(selector).first().textContent({ timeout: 2000 })) ?? '';

/** Reports `page`'s CSP violations and its requests to anywhere but `origin`; checked when the run ends. */
export function watch(page, origin) {
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) foreign.push(request.url());
  });
  return page;
}

/**
 * Runs `scenario(context)` in a fresh headless Chromium (1280×900), then the common checks, and closes it. Exits 1
 * with every failed expectation (or the error that stopped the scenario), else prints "all expectations held".
 */
export async function run(executablePath, scenario) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'status-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    timeout: 60_000,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await scenario(context);
    expect(cspViolations.length === 0, `no Content-Security-Policy violation: ${cspViolations.join(' | ')}`);
    expect(foreign.length === 0, `no request outside the service: ${foreign.join(', ')}`);
  } catch (e) {
    problems.push(e.message);
    log(`FAILED: ${e.message}`);
  } finally {
    // A browser that does not close within 10 s is left to the test's process deadline, not waited for here.
    await Promise.race([context.close(), new Promise((r) => setTimeout(r, 10_000))]);
    fs.rmSync(userDataDir, { recursive: true, force: true });
  }
  if (problems.length) {
    console.error(`${problems.length} expectation(s) failed:\n- ${problems.join('\n- ')}`);
    process.exit(1);
  }
  log('all expectations held');
}
