// Electron's own postinstall downloads its binary from the internet, which air-gapped
// customs networks (and this build machine) cannot reach. package.json's allowScripts
// skips that script so `npm ci` always passes; here we try the download ourselves and
// carry on without the binary when it fails. Everything but the Electron shell then
// runs in browser mode (`npm run web`).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null; // production install without devDependencies
  }
}

const script = electronInstallScript();
if (!script) process.exit(0);

if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('portwall: ELECTRON_SKIP_BINARY_DOWNLOAD is set; not fetching the Electron binary (browser mode still works: npm run web).');
  process.exit(0);
}

const pathFile = new URL('path.txt', `file://${script}`);
if (existsSync(pathFile)) process.exit(0);

const result = spawnSync(process.execPath, [script], {
  stdio: ['ignore', 'ignore', 'pipe'],
  timeout: Number(process.env.PORTWALL_ELECTRON_DOWNLOAD_TIMEOUT_MS ?? 120_000),
});
if (result.status === 0 && existsSync(pathFile)) {
  console.log('portwall: Electron binary installed.');
} else {
  const mirror = process.env.ELECTRON_MIRROR ? ` from ELECTRON_MIRROR=${process.env.ELECTRON_MIRROR}` : '';
  console.log(
    `portwall: could not fetch the Electron binary${mirror}; continuing without it. ` +
      '`npm start` will run browser mode. On an intranet, set ELECTRON_MIRROR to an internal mirror and run `npm ci` again.',
  );
}
