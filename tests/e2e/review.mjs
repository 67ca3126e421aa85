// End-to-end: an officer uses the review page in a real browser.
//
// Builds a database with the real harvest path (the offline demo, plus a
// feed served here whose item title is hostile), starts `omvarld serve`,
// then in Debian's Chromium (driven by playwright-core): loads the inbox,
// sees the hostile title as text, opens an item, marks it relevant with a
// note (and lands on the list's next item), and checks the decision is in
// the database and in `omvarld flags`.
// Fails on any console error; keeps a screenshot.
//
//   OMVARLD_BINARY=build/omvarld node tests/e2e/review.mjs
// Exit code 77 (skipped) when playwright-core or chromium is missing.
import { mkdtempSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { artefacts, harvestFeed, launchBrowser, run, startServe } from './harness.mjs';

function fail(message) {
  console.error('FAILED: ' + message);
  process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'omvarld-e2e-'));
const db = join(dir, 'omvarld-demo.db');

// 1. A database: the demo (real consultations, flagged by the rules) ...
run(['demo', '-q', '--out', dir]);
// ... and one item with a hostile title, through the real feed harvest.
// (A title holding <script>...</script> is read as HTML by the feed reader,
// as feedparser does, and only its text arrives; a tag with attributes where
// prose could be arrives as written, for the page to escape.)
const hostile = '<img src=x onerror=alert(1)> Affordable housing for European cities';
const feed = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>
<item><title>${hostile.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</title>
<link>https://example.eu/housing</link><guid>e2e-1</guid><description>Social and affordable housing in cities.</description></item>
</channel></rss>`;
await harvestFeed(db, feed);

// 2. The review page on a free loopback port.
const { serve, base } = await startServe(db, dir);

const browser = await launchBrowser();
const consoleErrors = [];
const dialogs = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  page.on('dialog', async (d) => { dialogs.push(d.message()); await d.dismiss(); });

  // 3. The inbox: the hostile title is shown as text, nothing runs.
  await page.goto(base + '/');
  const title = page.locator('a.title', { hasText: 'Affordable housing for European cities' });
  if ((await title.count()) !== 1) fail('the hostile item is not in the inbox');
  const shown = await title.first().textContent();
  if (!shown.includes('<img src=x onerror=alert(1)>')) fail('the hostile title is not shown as text: ' + shown);
  if (dialogs.length) fail('a script from a feed ran: ' + dialogs.join(', '));
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: join(artefacts, 'review-inbox.png'), fullPage: false });

  // 4. Open it, mark it relevant with a note and an assignee.
  await title.first().click();
  await page.getByLabel('Relevant', { exact: true }).check();
  await page.getByLabel('Assigned to').fill('Stadsbyggnadsnämnden');
  await page.getByLabel('Note').fill('Answer through Eurocities (e2e)');
  // Saved, and on to the next item of the list it was opened from, or back
  // to the list when it was the last (issue #15).
  await Promise.all([page.waitForURL(/saved=(next|last)/), page.getByRole('button', { name: 'Save decision' }).click()]);
  const saved = await page.getByRole('status').first().textContent();
  if (!/^Saved\. (This is the next item of your list|That was the last item of this list)\.$/.test(saved))
    fail('no confirmation after saving: ' + saved);
  await page.screenshot({ path: join(artefacts, 'review-item.png'), fullPage: true });

  // 5. The decision is in the database, as `omvarld flags` shows it.
  const csv = run(['flags', '--db', db, '--status', 'relevant', '--format', 'csv']);
  if (!csv.includes('Affordable housing for European cities')) fail('the decision is not in `omvarld flags`: ' + csv);
  const shownItem = run(['flag', '--db', db, csv.split('\n')[1].split(',')[0]]);
  if (!shownItem.includes('Answer through Eurocities (e2e)')) fail('the note is not in the database');

  // 6. A long note (issue 10, item 3): 1,400 "å" were refused with an empty
  //    413; the counter counts characters as the server does.
  const itemId = csv.split('\n')[1].split(',')[0];
  await page.goto(`${base}/items/${itemId}`);
  const longNote = 'å'.repeat(1400) + ' 😀';
  await page.getByLabel('Note').fill(longNote);
  const counter = await page.locator('#note + small').textContent();
  if (counter !== '6598 / 8000') fail('the note counter shows ' + counter + ', not 6598 / 8000');
  await Promise.all([page.waitForURL(/saved=(next|last)/), page.getByRole('button', { name: 'Save decision' }).click()]);
  if (!run(['flag', '--db', db, itemId]).includes(longNote)) fail('the long note is not in the database');

  // 7. Another page on this machine plants a CSRF cookie and a matching form
  //    (issue 10, item 10): cookies do not tell ports apart, so the browser
  //    sends the planted cookie; the server refuses the token it never issued
  //    and the foreign Origin.
  const forged = 'f'.repeat(96);
  const attack = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end(`<!DOCTYPE html><html><body><form id="f" method="post" action="${base}/items/${itemId}/decision">
<input name="csrf" value="${forged}"><input name="status" value="dismissed"></form>
<script>document.cookie = "omvarld_csrf=${forged}; path=/"; document.getElementById("f").submit();</script></body></html>`);
  });
  await new Promise((r) => attack.listen(0, '127.0.0.1', r));
  const attacker = await browser.newPage();
  const posted = attacker.waitForResponse((r) => r.url().endsWith('/decision'));
  await attacker.goto(`http://127.0.0.1:${attack.address().port}/`);
  const answer = await posted;
  if (answer.status() !== 403) fail('the planted CSRF pair got ' + answer.status() + ', not 403');
  attack.close();
  if (run(['flag', '--db', db, itemId]).includes('dismissed')) fail('the forged decision was stored');
  if (consoleErrors.length) fail('console errors: ' + consoleErrors.join(' | '));
} finally {
  await browser.close();
  serve.kill('SIGTERM');
}
if (!process.exitCode) console.log('review page end-to-end: ok (' + base + ')');
