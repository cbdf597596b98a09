// Loads /status in Debian's headless Chromium for issue 33's fleet and maintenance scenarios and checks what a
// person sees. Run by FleetPageBrowserTest:
//   node fleet-page.mjs fleet       <control url> <chromium> <screenshot dir> <replica-a status url> <replica-b status url>
//   node fleet-page.mjs maintenance <control url> <chromium> <screenshot dir> <status url>
// The control URL acts and checks on the Java side: POST /<action> answers 200 (JSON) or 500 (what failed).
// Exits 0 when every expectation held; otherwise prints what failed and exits 1.
import fs from 'node:fs';
import path from 'node:path';
import { content, expect, log, run, text, until as untilEvery, watch } from './browser.mjs';

const [scenario, controlUrl, executablePath, outDir, ...statusUrls] = process.argv.slice(2);

/** Asks the test to act or check; fails the scenario when it could not. */
async function control(action) {
  const response = await fetch(`${controlUrl}/${action}`, { method: 'POST', signal: AbortSignal.timeout(90_000) });
  const body = await response.text();
  if (!response.ok) throw new Error(`control ${action}: ${response.status} ${body}`);
  log(`control ${action}: ${body}`);
  return body ? JSON.parse(body) : {};
}

/** Polls every 500 ms: each probe reloads pages. */
const until = (what, ms, probe) => untilEvery(what, ms, probe, 500);
const count = (page, selector) => page.locator(selector).count();
/** Every row as the page shows it: id, state, fleet line. */
const rows = (page) => page.$$eval('li.row', (items) => items.map((row) => [row.id,
  row.querySelector('.state')?.textContent ?? '', row.querySelector('.fleet')?.textContent ?? '']));
const same = async (pages) => {
  const seen = await Promise.all(pages.map(async (p) => JSON.stringify([await rows(p), await text(p, '#counts')])));
  return seen.every((s) => s === seen[0]);
};
const reloadAll = (pages) => Promise.all(pages.map((p) => p.reload({ timeout: 10_000 })));

/** Opens `url` in a new tab watching for CSP violations and requests to anywhere else. */
async function open(context, url) {
  const page = watch(await context.newPage(), new URL(url).origin);
  await page.goto(url, { timeout: 15_000 });
  return page;
}

async function shot(page, name, openRedis) {
  if (openRedis) {
    await page.locator('#check-redis details').evaluate((d) => { d.open = true; });
  }
  await page.screenshot({ path: path.join(outDir, name), fullPage: true });
  log(`screenshot ${name}`);
}

async function fleet(context) {
  let [urlA, urlB] = statusUrls;
  let pageA = await open(context, urlA);
  const pageB = await open(context, urlB);
  let both = [pageA, pageB];

  // 1. Both replicas have written to the store: each page shows the fleet of 2, the same rows, everything up.
  await until('both pages on the fleet of 2, all up, alike', 40_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if (!(await text(p, '#source')).startsWith('History: 2 replicas, from the shared store')) return false;
      if ((await text(p, '#check-redis .state')) !== '✓ Up') return false;
    }
    return same(both);
  });
  for (const p of both) {
    expect(await count(p, '.fleet') === 0, `${p.url()}: no fleet line while the replicas agree`);
    expect((await text(p, '#overall-text')).includes('OK'), `${p.url()}: OK`);
  }
  log(`up: ${JSON.stringify(await rows(pageA))}`);

  // 2. replica-a loses Redis, replica-b does not: both pages say where it is down, and both count it failing.
  await control('redis-a/refuse');
  await until('"down on replica-a of 2 replicas" on both pages', 30_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if ((await text(p, '#check-redis .fleet')) !== 'down on replica-a of 2 replicas') return false;
    }
    return true;
  });
  expect((await text(pageA, '#check-redis .state')) === '✕ Down', 'replica-a sees redis down itself');
  expect((await text(pageB, '#check-redis .state')) === '✓ Up', 'replica-b sees redis up itself');
  expect((await text(pageA, '#overall-text')).includes('Error: redis is down'), 'replica-a: its verdict names redis');
  expect((await text(pageB, '#overall-text')).includes('OK: up here; redis is down on another replica'),
    `replica-b: OK here, redis down elsewhere (${await text(pageB, '#overall-text')})`);
  for (const p of both) {
    expect((await text(p, '#counts')).startsWith('1 down'), `${p.url()}: redis counts as down (${await text(p, '#counts')})`);
    expect((await p.locator('li.row').first().getAttribute('id')) === 'check-redis', `${p.url()}: redis, failing, first`);
  }
  await shot(pageB, 'status-page-fleet.png', true);

  // 3. Both lose Redis: the pages agree again (no fleet line), row for row.
  await control('redis-b/refuse');
  await until('redis down on both replicas, both pages alike', 30_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if ((await text(p, '#check-redis .state')) !== '✕ Down' || (await count(p, '#check-redis .fleet')) !== 0) return false;
    }
    return same(both);
  });
  for (const p of both) {
    const changes = await content(p, '#check-redis .transitions');
    expect(changes.includes('Up → Down on replica-a') && changes.includes('Up → Down on replica-b'),
      `${p.url()}: both replicas' Up → Down in the history (${changes})`);
    expect((await text(p, '#overall-text')).includes('redis is down'), `${p.url()}: the header names redis`);
  }
  log(`down: ${JSON.stringify(await rows(pageA))}`);

  // 4. Redis is back for both.
  await control('redis-b/forward');
  await control('redis-a/forward');
  await until('redis up again on both pages, alike', 30_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if ((await text(p, '#check-redis .state')) !== '✓ Up' || (await count(p, '#check-redis .fleet')) !== 0) return false;
    }
    return same(both);
  });

  // 5. replica-a restarts: the new process shows the fleet's history, including what only replica-b saw.
  await pageA.close();
  urlA = (await control('restart-a')).status;
  pageA = await open(context, urlA);
  both = [pageA, pageB];
  await until('the restarted replica-a on the fleet of 2 with the outage in its history', 40_000, async () => {
    await reloadAll(both);
    const changes = await content(pageA, '#check-redis .transitions');
    return (await text(pageA, '#source')).startsWith('History: 2 replicas, from the shared store')
      && changes.includes('Up → Down on replica-b') && changes.includes('Down → Up on replica-b')
      && (await text(pageA, '#check-redis .state')) === '✓ Up' && same(both);
  });
  const changes = await content(pageA, '#check-redis .transitions');
  // The fleet's 24 h uptime, the same on both pages. (Not necessarily below 100 %: a minute counts as down when most
  // replicas had more down than up time in it, and this outage lasted seconds.)
  let up24h = '';
  await until('the same 24 h uptime for redis on both pages', 15_000, async () => {
    await reloadAll(both);
    up24h = await text(pageA, '#check-redis .up24h');
    return /^\d{1,3}\.\d\d %$/.test(up24h) && up24h === await text(pageB, '#check-redis .up24h');
  });
  expect((await content(pageA, '#check-redis details')).includes(', 7 d'), 'the 7-day uptime of the store in the history');
  log(`restarted replica-a sees the earlier outage: 24 h ${up24h}; ${changes}`);
  await shot(pageA, 'status-page-fleet-restarted.png', true);

  // 6. The store goes away: the pages say so, the probes, /metrics and the checks carry on (checked by the test).
  await control('store/refuse');
  await until('"History store unreachable since" on both pages', 30_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if (!(await text(p, '#source')).startsWith('History store unreachable since')) return false;
    }
    return true;
  });
  await control('store-down/service-carries-on');
  await until('the rows still showing this replica\'s checks, all up, the line still there', 15_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if ((await text(p, '#check-redis .state')) !== '✓ Up' || (await text(p, '#check-database .state')) !== '✓ Up'
        || !(await text(p, '#overall-text')).includes('OK')
        || !(await text(p, '#source')).startsWith('History store unreachable since')) return false;
    }
    return true;
  });
  log(`store down: ${await text(pageA, '#source')}`);
  await shot(pageA, 'status-page-store-down.png', false);

  // 7. The store is back: the line goes, the fleet comes back.
  await control('store/forward');
  await until('the fleet of 2 back on both pages', 40_000, async () => {
    await reloadAll(both);
    for (const p of both) {
      if (!(await text(p, '#source')).startsWith('History: 2 replicas, from the shared store')) return false;
    }
    return true;
  });
  for (const p of both) {
    expect(!(await content(p, 'main')).includes('unreachable'), `${p.url()}: no unreachable line any more`);
  }
  await control('store-back/caught-up');
}

async function maintenance(context) {
  const page = await open(context, statusUrls[0]);
  const base = new URL(statusUrls[0]).origin;
  await until('redis up, no window', 30_000, async () => {
    await page.reload({ timeout: 10_000 });
    return (await text(page, '#check-redis .state')) === '✓ Up';
  });
  expect(await count(page, '.maint') === 0, 'no maintenance marker before the window');

  // 1. The window starts (with the token), then Redis goes down inside it.
  await control('maintenance/start');
  await until('the redis row marked', 15_000, async () => {
    await page.reload({ timeout: 10_000 });
    return (await text(page, '#check-redis .maint')) === '🔧 Maintenance: redis-failover';
  });
  expect(await count(page, '#check-database .maint') === 0, 'the database row, outside the window, is not marked');
  await control('redis/refuse');
  await until('redis down and marked', 30_000, async () => {
    await page.reload({ timeout: 10_000 });
    return (await text(page, '#check-redis .state')) === '✕ Down'
      && (await text(page, '#check-redis .maint')) === '🔧 Maintenance: redis-failover';
  });
  // Probes unchanged: a load balancer still drains a replica whose dependency is down.
  for (const probe of ['/health', '/health/ready']) {
    const response = await fetch(base + probe, { signal: AbortSignal.timeout(5_000) });
    expect(response.status === 503, `${probe} answers 503 during the window (${response.status})`);
  }
  expect((await text(page, '#overall-text')).includes('redis is down'), 'the header still names redis');
  expect(!/failover drill/.test(await content(page, 'main')), 'the reason stays hidden without details');
  await shot(page, 'status-page-maintenance.png', false);

  // 2. Nobody is told during the window (the test checks the webhook and Alertmanager's receiver).
  await control('maintenance/quiet');
  await page.reload({ timeout: 10_000 });
  expect((await text(page, '#check-redis .maint')) === '🔧 Maintenance: redis-failover', 'still marked');

  // 3. The window ends with Redis still down: the marker goes, the notifications come (checked by the test).
  await control('maintenance/end');
  await until('the marker gone', 15_000, async () => {
    await page.reload({ timeout: 10_000 });
    return (await count(page, '.maint')) === 0 && (await text(page, '#check-redis .state')) === '✕ Down';
  });
  await control('redis/forward');
  await until('redis up again', 30_000, async () => {
    await page.reload({ timeout: 10_000 });
    return (await text(page, '#check-redis .state')) === '✓ Up';
  });
}

fs.mkdirSync(outDir, { recursive: true });
await run(executablePath, async (context) => {
  if (scenario === 'fleet') {
    await fleet(context);
  } else if (scenario === 'maintenance') {
    await maintenance(context);
  } else {
    throw new Error(`unknown scenario ${scenario}`);
  }
});
