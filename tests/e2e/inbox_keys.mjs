// End-to-end: an officer triages the inbox by keyboard (issue #15).
//
// Builds a database with the real harvest path (the offline demo, plus a
// feed of fourteen open items served here), starts `omvarld serve`, then in Debian's Chromium
// (driven by playwright-core): opens the inbox, decides three items with the
// keys r, n and l (moving with j), shows the keys with ?, ticks two items
// with x and decides both with the bulk action, opens one with o, and checks
// all five decisions in `omvarld flags --format json`. Fails on any console
// error (a CSP violation is one); keeps a screenshot.
//
//   OMVARLD_BINARY=build/omvarld node tests/e2e/inbox_keys.mjs
// Exit code 77 (skipped) when playwright-core or chromium is missing.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { artefacts, harvestFeed, launchBrowser, run, startServe } from './harness.mjs';

function fail(message) {
  console.error('FAILED: ' + message);
  process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'omvarld-e2e-keys-'));
const db = join(dir, 'omvarld-demo.db');
// The demo's database (its consultations have closed by now) and fourteen
// open items of a feed served here, through the real harvest and scoring.
run(['demo', '-q', '--out', dir]);
const topics = ['Affordable housing for European cities', 'Public transport in urban areas',
  'Energy renovation of public buildings', 'Air quality in cities', 'Social housing and homelessness',
  'Urban mobility plans for municipalities', 'District heating and cooling in cities'];
const items = [];
for (let n = 0; n < 14; ++n)
  items.push(`<item><title>${topics[n % topics.length]} (${n + 1})</title><link>https://example.eu/item/${n + 1}</link>` +
    `<guid>keys-${n + 1}</guid><description>${topics[n % topics.length]}: what it means for municipalities and cities.</description></item>`);
const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>${items.join('\n')}</channel></rss>`;
await harvestFeed(db, feed);

const { serve, base } = await startServe(db, dir);

// The ids `omvarld flags` lists with this review status.
const flagged = (status) => JSON.parse(run(['flags', '--db', db, '--status', status, '--format', 'json'])).map((i) => i.id);

const browser = await launchBrowser();
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(base + '/');
  const rows = page.locator('ol.items > li.item');
  if ((await rows.count()) < 10) fail('the demo inbox has fewer than 10 items: ' + (await rows.count()));
  const current = async () => Number(await page.locator('li.item.current').getAttribute('data-id'));
  // A key that submits the form: wait for the inbox to come back.
  const decideWith = async (key) => {
    const id = await current();
    await page.keyboard.press(key);
    // The inbox comes back without the row, at the row after it.
    await page.waitForFunction((gone) => !document.querySelector(`li.item[data-id="${gone}"]`) &&
      document.querySelector('li.item.current'), id);
    return id;
  };

  // 1. Three decisions by key: the first row relevant; the row the page
  //    comes back at not relevant; the one after it (j) later.
  const first = await current();
  if (first !== Number(await rows.first().getAttribute('data-id'))) fail('the first row is not the current one');
  const relevant = await decideWith('r');
  const notRelevant = await decideWith('n');
  await page.keyboard.press('j');
  const later = await decideWith('l');
  if (new Set([relevant, notRelevant, later]).size !== 3) fail('the keys decided one item twice');
  for (const id of [relevant, notRelevant, later])
    if ((await page.locator(`li.item[data-id="${id}"]`).count()) !== 0) fail(`item ${id} is still in the inbox`);

  // 2. ? shows the keys.
  await page.keyboard.press('?');
  if (!(await page.locator('#keys').evaluate((d) => d.open))) fail('? did not show the keys');
  await page.keyboard.press('?');

  // 3. Bulk: tick two rows with x, decide both as relevant for one committee.
  await page.keyboard.press('j');
  const bulkA = await current();
  await page.keyboard.press('x');
  await page.keyboard.press('j');
  const bulkB = await current();
  await page.keyboard.press('x');
  if ((await page.locator('input.pick:checked').count()) !== 2) fail('x did not tick two rows');
  await page.locator('fieldset.bulk select[name="status"]').selectOption('relevant');
  await page.locator('fieldset.bulk input[name="assignee"]').fill('Trafiknämnden');
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: join(artefacts, 'inbox-keys.png'), fullPage: false });
  await Promise.all([page.waitForURL(/decided=2/), page.getByRole('button', { name: 'Decide chosen' }).click()]);
  if (!(await page.getByRole('status').first().textContent()).includes('Decided: 2.')) fail('no notice after the bulk decision');

  // 4. o opens the current item.
  const open = await current();
  await Promise.all([page.waitForURL(new RegExp(`/items/${open}`)), page.keyboard.press('o')]);

  // 5. All five, as `omvarld flags` shows them.
  const rel = flagged('relevant');
  for (const id of [relevant, bulkA, bulkB]) if (!rel.includes(id)) fail(`item ${id} is not relevant in omvarld flags: ${rel}`);
  if (!flagged('not-relevant').includes(notRelevant)) fail(`item ${notRelevant} is not "not-relevant"`);
  if (!flagged('later').includes(later)) fail(`item ${later} is not "later"`);
  const assigned = JSON.parse(run(['flags', '--db', db, '--status', 'relevant', '--format', 'json']))
    .filter((i) => i.id === bulkA || i.id === bulkB).map((i) => i.assignee);
  if (assigned.join('|') !== 'Trafiknämnden|Trafiknämnden') fail('the bulk assignee is not stored: ' + assigned);
  if (consoleErrors.length) fail('console errors: ' + consoleErrors.join(' | '));
} finally {
  await browser.close();
  serve.kill('SIGTERM');
}
if (!process.exitCode) console.log('inbox by keyboard end-to-end: ok (' + base + ')');
