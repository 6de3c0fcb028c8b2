// Starts the browser-mode host (built dist/) on the demo central, in its own process.
import { resolve } from 'node:path';
import { type SpawnedWebHost, spawnWebHost } from '../../electron/web/spawnWebHost.js';

const root = resolve(import.meta.dirname, '..', '..');

export type BenchWebHost = SpawnedWebHost;

export function startBenchWebHost(demoCentralArgs: string): Promise<BenchWebHost> {
  return spawnWebHost({ root, demo: true, demoCentralArgs });
}
