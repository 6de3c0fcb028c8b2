// The sync worker thread: opens the store's only writable handle and runs the engine.
// Status and data-changed notifications go to the host at most four times a second.
import { parentPort, workerData } from 'node:worker_threads';
import type { RecordKind } from '../../shared/central/records.js';
import { openWritableDb } from '../store/db.js';
import { coalesceSets, throttleLatest } from './coalesce.js';
import { SyncEngine } from './engine.js';
import { CentralAuthError } from './centralClient.js';
import { OutboxInputError } from './outboxSender.js';
import type { FromWorker, ToWorker, WorkerInput } from './workerProtocol.js';

const port = parentPort;
if (!port) throw new Error('sync/worker.ts runs only as a worker thread (see sync/index.ts)');
const input = workerData as WorkerInput;
const post = (message: FromWorker) => port.postMessage(message);

const status = throttleLatest(250, (s: FromWorker & { type: 'status' }) => post(s));
const data = coalesceSets(250, (kinds: RecordKind[]) => post({ type: 'data', kinds }));

const db = openWritableDb(input.dbPath);
const engine = new SyncEngine({
  db,
  centralUrl: input.centralUrl,
  token: input.token,
  scope: input.scope,
  retention: input.retention,
  onStatus: (s) => status.push({ type: 'status', status: s }),
  onDataChanged: (kinds) => data.add(kinds),
  log: { info: (m) => console.info(`sync: ${m}`), warn: (m) => console.warn(`sync: ${m}`) },
});
post({ type: 'status', status: engine.status() });

let stopping: Promise<void> | null = null;
function stop(): Promise<void> {
  stopping ??= engine.stop().then(() => {
    status.push({ type: 'status', status: engine.status() });
    status.flush();
    data.flush();
    db.close();
    post({ type: 'stopped' });
    port?.close();
  });
  return stopping;
}

port.on('message', (message: ToWorker) => {
  if (message.type === 'stop') {
    void stop();
    return;
  }
  if (message.type === 'fetch-ticket') {
    engine.fetchDeclaration(message.ticketId).then(
      (ticket) => post({ type: 'ticket', id: message.id, ticket }),
      (error: unknown) =>
        post({ type: 'ticket-failed', id: message.id, message: error instanceof Error ? error.message : String(error), forbidden: error instanceof CentralAuthError }),
    );
    return;
  }
  try {
    const entry = engine.act(message.action);
    post({ type: 'acted', id: message.id, entry });
  } catch (error) {
    post({ type: 'act-failed', id: message.id, message: error instanceof Error ? error.message : String(error), input: error instanceof OutboxInputError });
  }
});

engine.run().catch((error: unknown) => {
  post({ type: 'fatal', message: error instanceof Error ? error.message : String(error) });
});
