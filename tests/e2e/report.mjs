// The benchmark report in a real browser (issue 13, items 7, 8 and 11).
//
// Makes the demo database, writes the benchmark report for the Nordic (5
// cities) and the European (15 cities) groups in Swedish and English, and
// opens each in Debian's Chromium (driven by playwright-core) at 1280 px and
// at 390 px (a phone), the European Swedish one also as the review page
// serves it (/benchmark/report, with its Content-Security-Policy). In every
// chart, measured by the browser:
//   - no text element extends beyond its chart's box (getBoundingClientRect
//     of each <text> within that of its <svg>);
//   - no text is drawn smaller than 9 px;
// and the page itself never scrolls sideways (wide tables and charts scroll
// within their box). Fails on any console error (a blocked style would be
// one). Keeps screenshots in the build's test-artefacts folder:
// benchmark-report-1280.png (the European group in English, the first
// 2,400 px; docs/benchmark-report.png is made from it) and one per page.
//
//   OMVARLD_BINARY=build/omvarld node tests/e2e/report.mjs
// Exit code 77 (skipped) when playwright-core or chromium is missing.
import { spawn } from 'node:child_process';
import { mkdtempSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { artefacts, bin, launchBrowser, run } from './harness.mjs';

let failures = 0;
function fail(message) {
  console.error('FAILED: ' + message);
  failures++;
  process.exitCode = 1;
}

const dir = mkdtempSync(join(tmpdir(), 'omvarld-report-e2e-'));
const db = join(dir, 'omvarld-demo.db');
run(['demo', '-q', '--out', dir]);
const reports = [];
for (const group of ['europe', 'nordic'])
  for (const lang of ['sv', 'en']) {
    const out = join(dir, `benchmark-${group}-${lang}.html`);
    run(['report', 'benchmark', '-q', '--db', db, '--group', group, '--lang', lang, '--out', out]);
    reports.push({ name: `${group}-${lang}`, url: pathToFileURL(out).href });
  }
mkdirSync(join(dir, 'reports'), { recursive: true });
copyFileSync(join(dir, 'benchmark-europe-sv.html'), join(dir, 'reports', 'benchmark.html'));

// What the browser measures on one page: every chart's text against its box.
function measure() {
  const problems = [];
  let texts = 0;
  const charts = [...document.querySelectorAll('svg.chart')];
  charts.forEach((svg, k) => {
    const box = svg.getBoundingClientRect();
    const scale = box.width / svg.viewBox.baseVal.width;
    const where = `chart ${k + 1} ("${svg.querySelector('title')?.textContent}")`;
    for (const t of svg.querySelectorAll('text')) {
      texts++;
      const r = t.getBoundingClientRect();
      const slack = 0.5;
      if (r.left < box.left - slack || r.right > box.right + slack || r.top < box.top - slack ||
          r.bottom > box.bottom + slack)
        problems.push(`${where}: "${t.textContent}" at [${r.left.toFixed(1)}, ${r.right.toFixed(1)}] x ` +
          `[${r.top.toFixed(1)}, ${r.bottom.toFixed(1)}] outside [${box.left.toFixed(1)}, ` +
          `${box.right.toFixed(1)}] x [${box.top.toFixed(1)}, ${box.bottom.toFixed(1)}]`);
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 9) problems.push(`${where}: "${t.textContent}" drawn at ${px.toFixed(1)} px`);
    }
  });
  const page = document.documentElement.scrollWidth;
  if (page > window.innerWidth + 1)
    problems.push(`the page is ${page} px wide in a ${window.innerWidth} px window`);
  return { charts: charts.length, texts, problems };
}

const serve = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--reports', join(dir, 'reports')],
  { stdio: ['ignore', 'ignore', 'pipe'] });
const base = await new Promise((resolve, reject) => {
  let err = '';
  const timer = setTimeout(() => reject(new Error('serve did not start: ' + err)), 15000);
  serve.stderr.on('data', (d) => {
    err += d;
    const m = /review page on (http:\/\/[^\s]+)/.exec(err);
    if (m) { clearTimeout(timer); resolve(m[1]); }
  });
  serve.on('exit', (code) => reject(new Error('serve exited ' + code + ': ' + err)));
});
reports.push({ name: 'served-europe-sv', url: base + '/benchmark/report' });

const browser = await launchBrowser();
mkdirSync(artefacts, { recursive: true });
try {
  for (const width of [1280, 390]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, isMobile: width < 500 });
    for (const r of reports) {
      const page = await context.newPage();
      const errors = [];
      page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
      page.on('pageerror', (e) => errors.push(String(e)));
      await page.goto(r.url);
      const m = await page.evaluate(measure);
      const label = `${r.name} at ${width} px`;
      if (m.charts < 4) fail(`${label}: only ${m.charts} charts`);
      for (const p of m.problems.slice(0, 20)) fail(`${label}: ${p}`);
      if (m.problems.length > 20) fail(`${label}: and ${m.problems.length - 20} more`);
      if (errors.length) fail(`${label}: console errors: ${errors.join(' | ')}`);
      console.log(`${label}: ${m.charts} charts, ${m.texts} texts, ${m.problems.length} problems`);
      await page.screenshot({ path: join(artefacts, `benchmark-${r.name}-${width}.png`), fullPage: true });
      if (r.name === 'europe-en' && width === 1280)
        await page.screenshot({ path: join(artefacts, 'benchmark-report-1280.png'),
          fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 2400 } });
      await page.close();
    }
    await context.close();
  }
} finally {
  await browser.close();
  serve.kill('SIGTERM');
}
if (!failures) console.log('benchmark report in Chromium: ok');
