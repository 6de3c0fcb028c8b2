import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RecordKind } from '../../shared/central/records.js';
import type { SyncStatus } from '../../shared/host/methods/sync.js';
import type { SyncHandle } from '../sync/index.js';
import { createLogger } from './log.js';
import { superviseSync } from './syncStarter.js';
import { unconfiguredStatus } from './syncPort.js';

/** A sync handle driven by the test: the supervisor's only collaborator. */
class ScriptedHandle implements SyncHandle {
  current: SyncStatus = { ...unconfiguredStatus(), state: 'connecting' };
  statusListeners = new Set<(s: SyncStatus) => void>();
  dataListeners = new Set<(k: RecordKind[]) => void>();
  stopped = false;

  status = () => this.current;
  onStatus = (cb: (s: SyncStatus) => void) => {
    this.statusListeners.add(cb);
    return () => this.statusListeners.delete(cb);
  };
  onDataChanged = (cb: (k: RecordKind[]) => void) => {
    this.dataListeners.add(cb);
    return () => this.dataListeners.delete(cb);
  };
  act = () => Promise.reject(new Error('not used'));
  fetchTicket = () => Promise.reject(new Error('not used'));
  stop = async () => {
    this.stopped = true;
  };

  emit(state: SyncStatus['state'], lastError: string | null = null) {
    this.current = { ...this.current, state, lastError };
    for (const cb of this.statusListeners) cb(this.current);
  }
}

/** A start function that records every handle it makes, newest last. */
function scriptedStart(handles: ScriptedHandle[]): () => ScriptedHandle {
  return () => {
    const handle = new ScriptedHandle();
    handles.push(handle);
    return handle;
  };
}

describe('superviseSync', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('restarts a worker that stopped by itself, with growing delays', async () => {
    const handles: ScriptedHandle[] = [];
    const delays: number[] = [];
    const sync = superviseSync({
      start: scriptedStart(handles),
      log: createLogger({ echo: () => {} }),
      restartDelay: (attempt) => {
        const delay = 1000 * 2 ** attempt;
        delays.push(delay);
        return delay;
      },
    });
    const seen: string[] = [];
    sync.onStatus((status) => seen.push(status.state));

    handles[0]!.emit('stopped', 'sync worker crashed: disk full');
    expect(handles).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1000);
    expect(handles).toHaveLength(2);
    expect(handles[0]!.stopped).toBe(true);

    handles[1]!.emit('stopped', 'again');
    await vi.advanceTimersByTimeAsync(2000);
    expect(handles).toHaveLength(3);
    expect(delays).toEqual([1000, 2000]);

    // Listeners follow the new worker; a live worker resets the delay.
    handles[2]!.emit('live');
    expect(sync.status().state).toBe('live');
    expect(seen).toEqual(['stopped', 'stopped', 'live']);
    handles[2]!.emit('stopped', 'third');
    await vi.advanceTimersByTimeAsync(1000);
    expect(delays).toEqual([1000, 2000, 1000]);
    expect(handles).toHaveLength(4);
  });

  it('does not restart after stop()', async () => {
    const handles: ScriptedHandle[] = [];
    const sync = superviseSync({
      start: scriptedStart(handles),
      log: createLogger({ echo: () => {} }),
      restartDelay: () => 10,
    });
    await sync.stop();
    handles[0]!.emit('stopped');
    await vi.advanceTimersByTimeAsync(100);
    expect(handles).toHaveLength(1);
  });

  it('forwards data-changed notifications from whichever worker runs', async () => {
    const handles: ScriptedHandle[] = [];
    const sync = superviseSync({
      start: scriptedStart(handles),
      log: createLogger({ echo: () => {} }),
      restartDelay: () => 0,
    });
    const kinds: RecordKind[][] = [];
    sync.onDataChanged((k) => kinds.push(k));
    for (const cb of handles[0]!.dataListeners) cb(['declaration']);
    handles[0]!.emit('stopped');
    await vi.advanceTimersByTimeAsync(1);
    for (const cb of handles[1]!.dataListeners) cb(['alert']);
    expect(kinds).toEqual([['declaration'], ['alert']]);
  });
});
