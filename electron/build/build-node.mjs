// Bundles the Node-side entry points (Electron main, preload, launcher, browser-mode
// host, CLI, sync worker, demo central) with esbuild into dist/. Runs in `prepare`, so
// `npm ci` leaves a working `portwall` CLI, and before `npm start`/`npm run web`.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const entries = [
  // [source, output, platform notes]
  ['electron/main/main.ts', 'dist/electron/main.cjs'],
  ['electron/preload/preload.ts', 'dist/electron/preload.cjs'],
  ['electron/launch.ts', 'dist/electron/launch.cjs'],
];

const optional = [
  // Entries of parts that land in later issues; listed here so the build picks them up.
  ['electron/cli/portwall.ts', 'dist/cli/portwall.cjs'],
  ['electron/sync/worker.ts', 'dist/electron/sync-worker.cjs'],
  ['central/cli.ts', 'dist/central/cli.cjs'],
];

const all = [...entries, ...optional.filter(([source]) => existsSync(source))];

await Promise.all(
  all.map(([source, outfile]) =>
    build({
      entryPoints: [source],
      outfile,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      sourcemap: true,
      // Native and Electron modules are resolved at run time, never bundled.
      external: ['electron', 'better-sqlite3'],
      logLevel: 'warning',
      banner: outfile.endsWith('portwall.cjs') || outfile.endsWith('cli.cjs') ? { js: '#!/usr/bin/env node' } : undefined,
    }),
  ),
);
