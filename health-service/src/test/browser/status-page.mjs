// Loads /status in Debian's headless Chromium while Redis fails and recovers, and checks what a person
// sees. Run by StatusPageBrowserTest:
//   node status-page.mjs <status url> <control url> <chromium> <screenshot dir>
// The control URL switches the proxy in front of Redis (POST /redis/refuse, /redis/forward).
// Exits 0 when every expectation held; otherwise prints what failed and exits 1.
import { chromium } from 'playwright-core';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [statusUrl, controlUrl, executablePath, outDir] = process.argv.slice(2);
const origin = new URL(statusUrl).origin;
const problems = [];
const foreign = [];
const log = (line) => console.log(`[${new Date().toISOString()}] ${line}`);

function expect(ok, what) {
  if (!ok) {
    problems.push(what);
    log(`FAILED: ${what}`);
  }
}

/** Polls `probe` (which may throw while the page navigates) until it returns true or `ms` pass. */
async function until(what, ms, probe) {
  const deadline = Date.now() + ms;
  let last;
  while (Date.now() < deadline) {
    try {
      if (await probe()) return true;
    } catch (e) {
      last = e; // the page was refreshing itself: try again
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${what}: not seen within ${ms} ms${last ? ` (${last.message})` : ''}`);
}

const text = (page, selector) => page.locator(selector).first().innerText({ timeout: 2000 });
// Inside a closed <details>: not rendered, so its text content.
const content = async (page, selector) => (await page.locator(selector).first().textContent({ timeout: 2000 })) ?? '';
const firstRow = (page) => page.locator('li.row').first().getAttribute('id', { timeout: 2000 });

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
  const page = context.pages()[0] ?? await context.newPage();
  const cspViolations = [];
  page.on('console', (msg) => {
    if (/Content Security Policy|Refused to/i.test(msg.text())) cspViolations.push(msg.text());
  });
  page.on('request', (request) => {
    if (!request.url().startsWith(origin)) foreign.push(request.url());
  });

  // 1. Everything up.
  await page.goto(statusUrl);
  await until('all up', 30_000, async () => {
    await page.reload();
    return (await text(page, '#overall-text')).includes('OK') && (await text(page, '#check-redis .state')) === '✓ Up';
  });
  expect(await page.locator('meta[http-equiv="refresh"]').count() === 1, 'the page refreshes itself');
  expect(await page.locator('li.row').count() === 10, `ten rows, one per check (${await page.locator('li.row').count()})`);
  expect(await page.locator('#check-redis .timeline path.t-down').count() === 0, 'no downtime on the timeline yet');
  const rowHeight = (await page.locator('#check-redis').boundingBox()).height;
  expect(rowHeight <= 90, `a compact row (${rowHeight} px)`);
  log(`up: ${await text(page, '#overall-text')} / redis ${await text(page, '#check-redis .since')}`);

  // 2. Redis refuses connections: the page shows it by itself (meta refresh, no reload here).
  await fetch(`${controlUrl}/redis/refuse`, { method: 'POST' });
  await until('redis down, seen through the page refreshing itself', 30_000,
    async () => (await text(page, '#check-redis .state')) === '✕ Down');
  const outage = await page.locator('main').innerText();
  expect((await text(page, '#overall-text')).includes('Error: redis is down'), 'the header names redis');
  expect(await firstRow(page) === 'check-redis', 'redis, failing, comes first');
  expect((await text(page, '#check-redis .since')).startsWith('Down since'), 'says since when redis is down');
  expect((await content(page, '#check-redis .transitions li')).includes('Up → Down'), 'latest transition is Up → Down');
  expect(await page.locator('#check-redis .timeline path.t-down, #check-redis .timeline path.t-part').count() > 0,
    'the timeline shows the outage');
  expect((await text(page, '#check-database .state')) === '✓ Up', 'database still up');
  expect(!/refused/i.test(outage), 'no reason for an unauthorised viewer');
  fs.mkdirSync(outDir, { recursive: true });
  await page.screenshot({ path: path.join(outDir, 'status-page-outage.png'), fullPage: true });
  log(`down: ${await text(page, '#overall-text')} / redis ${await text(page, '#check-redis .since')}`);

  // 2b. The filter form (a GET, allowed by form-action 'self'): down checks only.
  await page.selectOption('select[name="state"]', 'down');
  await Promise.all([page.waitForURL(/state=down/, { timeout: 10_000 }), page.click('button[type="submit"]')]);
  expect(await page.locator('li.row').count() === 1 && await firstRow(page) === 'check-redis', 'the filter shows redis alone');
  await page.goto(statusUrl);

  // 3. Redis is back.
  await fetch(`${controlUrl}/redis/forward`, { method: 'POST' });
  await until('redis up again', 30_000, async () => {
    await page.reload();
    return (await text(page, '#check-redis .state')) === '✓ Up';
  });
  expect((await content(page, '#check-redis .transitions li')).includes('Down → Up'), 'latest transition is Down → Up');
  expect(((await page.locator('#check-redis .transitions li').nth(1).textContent()) ?? '').includes('Up → Down'),
    'the outage is still listed');
  expect(await page.locator('#check-redis .timeline path.t-part').count() > 0,
    'the timeline keeps the outage (part of a 10-minute period)');
  expect(!(await content(page, '#check-redis .up1h')).startsWith('100.00'), 'uptime 1 h below 100 %');
  expect(!(await text(page, '#check-redis .up24h')).startsWith('100.00'), 'uptime 24 h below 100 %');
  expect((await text(page, '#overall-text')).includes('OK'), 'overall back to OK');
  await page.screenshot({ path: path.join(outDir, 'status-page.png'), fullPage: true });

  // 4. On a phone: nothing wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.reload();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 390, `fits a 390 px phone screen (scrollWidth ${width})`);
  await page.screenshot({ path: path.join(outDir, 'status-page-phone.png'), fullPage: true });

  expect(cspViolations.length === 0, `no Content-Security-Policy violation: ${cspViolations.join(' | ')}`);
  expect(foreign.length === 0, `no request outside the service: ${foreign.join(', ')}`);
} catch (e) {
  problems.push(e.message);
  log(`FAILED: ${e.message}`);
} finally {
  await context.close();
  fs.rmSync(userDataDir, { recursive: true, force: true });
}
if (problems.length) {
  console.error(`${problems.length} expectation(s) failed:\n- ${problems.join('\n- ')}`);
  process.exit(1);
}
log('all expectations held');
