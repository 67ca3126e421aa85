// What both browser tests need: the omvarld binary (OMVARLD_BINARY), the
// artefacts folder (OMVARLD_ARTEFACTS), Debian's Chromium driven by
// playwright-core, and the skip (exit code 77) when either is missing.
import { execFileSync } from 'node:child_process';
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
