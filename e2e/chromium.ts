// Which Chromium the end-to-end tests drive: Playwright's own where it was installed
// (`npx playwright install chromium` on a machine with internet), else the system's
// (Debian's /usr/bin/chromium on air-gapped machines), else a clear error.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const systemCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

export function findChromium(): string {
  const fromEnv = process.env.PORTWALL_CHROMIUM;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`PORTWALL_CHROMIUM=${fromEnv} does not exist.`);
    return fromEnv;
  }
  const bundled = chromium.executablePath();
  if (bundled && existsSync(bundled)) return bundled;
  const system = systemCandidates.find((path) => existsSync(path));
  if (system) return system;
  throw new Error(
    'No Chromium found for the end-to-end tests. Either run `npx playwright install chromium` (needs internet), ' +
      'or install the system package (`apt-get install -y chromium`), or set PORTWALL_CHROMIUM to a Chromium binary.',
  );
}
