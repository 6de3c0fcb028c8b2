// Runs sync/worker.ts from sources (vitest, tsx) by registering tsx's loader in the
// worker first; bundled builds start dist/electron/sync-worker.cjs instead.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
