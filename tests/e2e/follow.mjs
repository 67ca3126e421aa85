// End-to-end: an officer follows an initiative from its item page, in a
// real browser, and sees its timeline after a harvest (issue #16).
//
// The offline demo makes the database; the first flagged item is opened in
// Debian's Chromium, marked relevant, and followed with the Follow button
// (a real POST with the page's CSRF token). Then its procedure is added with
// `omvarld follow ID --procedure`, and `omvarld harvest --only follow` reads
// both sources from a loopback server here that answers with the bundled
// sample (feeds/sample/lifecycle: Have your say 18805 given the item's id,
// EP procedure 2016/0132 given the number 2016/0999). The item page then shows the timeline: the
// Commission's and the Parliament's steps, past and planned, with the
// officer's decision in between. Fails on any console error; keeps a
// screenshot.
//
//   OMVARLD_BINARY=build/omvarld node tests/e2e/follow.mjs
// Exit code 77 (skipped) when playwright-core or chromium is missing.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { artefacts, bin, launchBrowser, run, startServe } from './harness.mjs';

function fail(message) {
  console.error('FAILED: ' + message);
  process.exitCode = 1;
}

const sample = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'feeds', 'sample', 'lifecycle');
const dir = mkdtempSync(join(tmpdir(), 'omvarld-e2e-follow-'));
const db = join(dir, 'omvarld-demo.db');
run(['demo', '-q', '--out', dir]);
const csv = run(['flags', '--db', db, '--format', 'csv', '--limit', '1']);
const itemId = csv.split('\n')[1].split(',')[0];

// The sources: the sample's initiative under whatever id is asked for.
const hys = JSON.parse(readFileSync(join(sample, 'hys-18805.json'), 'utf8'));
// The demo follows 2016/0132 itself; this item gets the same answer as 2016/0999.
const ep = readFileSync(join(sample, 'ep-2016-0132.json'), 'utf8');
const ep999 = ep.replaceAll('2016-0132', '2016-0999').replaceAll('2016/0132', '2016/0999');
const sources = createServer((req, res) => {
  const m = /^\/brpapi\/groupInitiatives\/(\d+)$/.exec(req.url);
  if (m) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify({ ...hys, id: Number(m[1]) }));
  } else if (req.url.startsWith('/api/v2/procedures/2016-0999') || req.url.startsWith('/api/v2/procedures/2016-0132')) {
    res.writeHead(200, { 'Content-Type': 'application/ld+json' });
    res.end(req.url.includes('2016-0999') ? ep999 : ep);
  } else {
    res.writeHead(404);
    res.end();
  }
});
await new Promise((r) => sources.listen(0, '127.0.0.1', r));
const sourcesBase = `http://127.0.0.1:${sources.address().port}`;

const { serve, base } = await startServe(db, dir);

const browser = await launchBrowser();
const consoleErrors = [];
try {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(String(e)));

  // 1. The item page offers to follow; the officer decides, then follows.
  await page.goto(`${base}/items/${itemId}`);
  await page.getByLabel('Relevant', { exact: true }).check();
  // Saving goes on to the next item of the list (the inbox's triage); back to this one.
  await Promise.all([page.waitForURL(/saved=(1|next|last)/), page.getByRole('button', { name: 'Save decision' }).click()]);
  await page.goto(`${base}/items/${itemId}`);
  const follow = page.getByRole('button', { name: 'Follow this initiative' });
  if ((await follow.count()) !== 1) fail('no Follow button on the item page');
  await Promise.all([page.waitForURL(/#timeline$/), follow.click()]);
  const section = page.locator('section.follow');
  if (!(await section.textContent()).includes('Followed since')) fail('the item is not shown as followed');
  if ((await page.getByRole('button', { name: 'Follow this initiative' }).count()) !== 0) fail('still offers to follow');

  // 2. The procedure added from the command line; a harvest reads both sources.
  run(['follow', '--db', db, itemId, '--procedure', '2016/0999(COD)']);
  // (asynchronously: the sources above are served by this process's event loop)
  await promisify(execFile)(bin, ['harvest', '--db', db, '--only', 'follow', '-q', '--hys-base', sourcesBase, '--ep-base', sourcesBase, '--oeil-base', 'off', '--eurlex-base', 'off']);
  const json = JSON.parse(run(['following', '--db', db, '--format', 'json']));
  const followed = json.following.find((f) => String(f.item_id) === itemId);
  if (!followed || followed.publications.length !== 4 || followed.events.length !== 7)
    fail('the harvest did not store both sources: ' + JSON.stringify(followed));

  // 3. The timeline: past and planned steps of both institutions, the decision between.
  await page.goto(`${base}/items/${itemId}`);
  const steps = page.locator('ol.timeline li');
  const texts = await steps.allTextContents();
  const has = (re) => texts.some((t) => re.test(t));
  if (!has(/The Parliament: referral to committee/)) fail('no Parliament step: ' + texts.join(' | '));
  if (!has(/The Commission: call for evidence published/)) fail('no Commission step: ' + texts.join(' | '));
  if (!has(/planned \(Q1 2028\)/)) fail('no planned step: ' + texts.join(' | '));
  if (!has(/Decision by .*: relevant/)) fail('no decision in the timeline: ' + texts.join(' | '));
  if ((await page.locator('ol.timeline li.planned').count()) < 1) fail('no step marked planned');
  const dates = await page.locator('ol.timeline li time').evaluateAll((ts) => ts.map((t) => t.getAttribute('datetime')));
  const sorted = [...dates].sort();
  if (dates.join() !== sorted.join()) fail('the timeline is not in date order: ' + dates.join(', '));
  mkdirSync(artefacts, { recursive: true });
  await page.screenshot({ path: join(artefacts, 'follow-timeline.png'), fullPage: true });
  if (consoleErrors.length) fail('console errors: ' + consoleErrors.join(' | '));
} finally {
  await browser.close();
  serve.kill('SIGTERM');
  sources.close();
}
if (!process.exitCode) console.log('follow timeline end-to-end: ok (' + base + ')');
