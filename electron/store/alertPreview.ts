// How an alert looks with the officer's pending actions applied on top of central's copy:
// what the desk shows at once, before central has answered.
import type { AlertRecord } from '../../shared/central/records.js';
import type { OutboxEntry } from './outbox.js';

export function applyPending(alert: AlertRecord, entries: readonly OutboxEntry[]): AlertRecord {
  let view: AlertRecord = alert;
  for (const entry of entries) {
    if (entry.state !== 'pending') continue;
    const by = String(entry.body.by ?? '');
    const at = new Date(entry.createdAt).toISOString();
    switch (entry.action) {
      case 'ack':
        view = { ...view, state: view.state === 'open' ? 'acknowledged' : view.state, ackBy: view.ackBy ?? by, ackAt: view.ackAt ?? at };
        break;
      case 'assign':
        view = { ...view, assignee: String(entry.body.assignee ?? '') };
        break;
      case 'comment':
        view = { ...view, comments: [...view.comments, { by, at, text: String(entry.body.text ?? '') }] };
        break;
      case 'resolve':
        view = { ...view, state: 'resolved' };
        break;
    }
  }
  return view;
}
