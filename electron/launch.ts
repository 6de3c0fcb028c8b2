// `npm start`: the Electron app where its binary is installed, otherwise browser mode
// with one line saying why. `npm run web` (--web) always runs browser mode.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { ConfigError } from './host/config.js';
import { SecretFileError } from './host/secrets.js';
import { runWebHost } from './web/runWebHost.js';

const root = resolve(__dirname, '..', '..');
const argv = process.argv.slice(2);

function electronBinary(): string | null {
  try {
    // The electron package's main export is the path of its binary; it throws when the
    // binary was never downloaded.
    const path = createRequire(join(root, 'package.json'))('electron') as unknown;
    return typeof path === 'string' ? path : null;
  } catch {
    return null;
  }
}

async function main() {
  const wantsWeb = argv.includes('--web');
  const hostArgs = argv.filter((arg) => arg !== '--web');
  if (!wantsWeb) {
    const binary = electronBinary();
    if (binary) {
      const child = spawn(binary, [join(root, 'dist', 'electron', 'main.cjs'), ...hostArgs], { stdio: 'inherit' });
      child.on('exit', (code) => process.exit(code ?? 0));
      return;
    }
    console.log('Electron binary not installed (offline install); starting browser mode instead. Set ELECTRON_MIRROR and run `npm ci` to get the desktop app.');
  }
  await runWebHost(root, hostArgs);
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof SecretFileError) {
    console.error(`portwall: ${error.message}`);
  } else {
    console.error('portwall: could not start:', error);
  }
  process.exit(1);
});
