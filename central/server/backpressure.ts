// Waiting for a slow client without leaking listeners when it goes away.
import type { ServerResponse } from 'node:http';

/** Resolves when `res` can take more data, or when the connection is gone. */
export function drained(res: ServerResponse): Promise<void> {
  if (res.destroyed || res.writableEnded) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.once('drain', done);
    res.once('close', done);
  });
}
