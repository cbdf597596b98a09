// Loads /status in Debian's headless Chromium while Redis fails and recovers, and checks what a person
// sees. Run by StatusPageBrowserTest:
//   node status-page.mjs <status url> <control url> <chromium> <screenshot dir>
// The control URL switches the proxy in front of Redis (POST /redis/refuse, /redis/forward).
// Exits 0 when every expectation held; otherwise prints what failed and exits 1.
import fs from 'node:fs';
import path from 'node:path';
import { content, expect, log, run, text, until, watch } from './browser.mjs';

const [statusUrl, controlUrl, executablePath, outDir] = process.argv.slice(2);
const origin = new URL(statusUrl).origin;
const firstRow = (page) => page.locator('li.row').first().getAttribute('id', { timeout: 2000 });

await run(executablePath, async (context) => {
  const page = watch(context.pages()[0] ?? await context.newPage(), origin);

  // 1. Everything up.
  await page.goto(statusUrl, { timeout: 15_000 });
  await until('all up', 30_000, async () => {
    await page.reload({ timeout: 15_000 });
    return (await text(page, '#overall-text')).includes('OK') && (await text(page, '#check-redis .state')) === '✓ Up';
  });
  expect(await page.locator('meta[http-equiv="refresh"]').count() === 1, 'the page refreshes itself');
  expect(await page.locator('li.row').count() === 10, `ten rows, one per check (${await page.locator('li.row').count()})`);
  expect(await page.locator('#check-redis .timeline path.t-down').count() === 0, 'no downtime on the timeline yet');
  const rowHeight = (await page.locator('#check-redis').boundingBox()).height;
  expect(rowHeight <= 90, `a compact row (${rowHeight} px)`);
  log(`up: ${await text(page, '#overall-text')} / redis ${await text(page, '#check-redis .since')}`);

  // 2. Redis refuses connections: the page shows it by itself (meta refresh, no reload here).
  await fetch(`${controlUrl}/redis/refuse`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
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
  await page.goto(statusUrl, { timeout: 15_000 });

  // 3. Redis is back.
  await fetch(`${controlUrl}/redis/forward`, { method: 'POST', signal: AbortSignal.timeout(30_000) });
  await until('redis up again', 30_000, async () => {
    await page.reload({ timeout: 15_000 });
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
  await page.reload({ timeout: 15_000 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width <= 390, `fits a 390 px phone screen (scrollWidth ${width})`);
  await page.screenshot({ path: path.join(outDir, 'status-page-phone.png'), fullPage: true });

});
