// What the browser tests need: the omvarld binary (OMVARLD_BINARY), the
// artefacts folder (OMVARLD_ARTEFACTS), Debian's Chromium driven by
// playwright-core, and the skip (exit code 77) when either is missing.
import { execFile, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { existsSync } from 'node:fs';

export const SKIP = 77;
export const bin = process.env.OMVARLD_BINARY;
export const artefacts = process.env.OMVARLD_ARTEFACTS || 'test-artefacts';
const chromiumPath = '/usr/bin/chromium';

let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (e) {
  console.log('skipped: playwright-core is not installed (scripts/test.sh installs it with npm)');
  process.exit(SKIP);
}
if (!existsSync(chromiumPath)) {
  console.log('skipped: Debian chromium is not installed (scripts/test.sh installs it)');
  process.exit(SKIP);
}
if (!bin) throw new Error('set OMVARLD_BINARY to the omvarld binary');

// Runs omvarld with `args`; its stdout, or an exception when it fails.
export const run = (args) => execFileSync(bin, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

// Headless Chromium, as both tests use it.
export function launchBrowser() {
  return chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

// Harvests `feed` (RSS text) into `db`, served once from a loopback port of
// this process (asynchronously: the server runs in this event loop).
export async function harvestFeed(db, feed) {
  const server = createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/rss+xml' });
    res.end(feed);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  try {
    await promisify(execFile)(bin, ['harvest', '--db', db, '--feed',
      `http://127.0.0.1:${server.address().port}/feed.xml`, '--kind', 'rss', '-q']);
  } finally {
    server.close();
  }
}

// `omvarld serve` on `db` on a free loopback port, in English, its reports
// under dir/reports: { serve, base } once it says where it listens.
export async function startServe(db, dir) {
  const serve = spawn(bin, ['serve', '--db', db, '--listen', '127.0.0.1:0', '--lang', 'en',
    '--reports', join(dir, 'reports')], { stdio: ['ignore', 'ignore', 'pipe'] });
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
  return { serve, base };
}
