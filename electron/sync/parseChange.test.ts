import { describe, expect, it } from 'vitest';
import { parseChange } from './parseChange.js';
import { changeLine, sampleDeclaration } from './testing/sampleRecords.js';

const bytes = (s: string) => Buffer.from(s, 'utf8');

describe('parseChange', () => {
  it('accepts a valid put and keeps unknown fields', () => {
    const data = { ...sampleDeclaration(1), futureField: { x: 1 } };
    const result = parseChange(bytes(changeLine('declaration', data.id, data, 10)));
    expect(result.ok).toBe(true);
    if (result.ok && result.change.op === 'put') expect(result.change.data.futureField).toEqual({ x: 1 });
  });

  it('accepts a del without data', () => {
    const result = parseChange(bytes(changeLine('alert', 'A1', undefined, 11, 'del')));
    expect(result).toMatchObject({ ok: true, change: { op: 'del', kind: 'alert', key: 'A1', seq: 11 } });
  });

  it.each([
    ['invalid JSON', '{"seq": 12, "kind": ', /invalid JSON/],
    ['unknown kind', changeLine('vessel', 'V1', { id: 'V1' }, 13), /unknown kind "vessel"/],
    ['schema violation', changeLine('declaration', '531620261123000001', { ...sampleDeclaration(1), valueUsd: 'lots' }, 14), /declaration breaks its schema: valueUsd/],
    ['lone surrogate', changeLine('watchlist', 'W1', { id: 'W1', entityType: 'person', entityKey: 'x\ud800', reason: 'r', addedBy: '53', addedAt: '2026-11-23T00:00:00Z' }, 15), /lone surrogate/],
    ['key mismatch', changeLine('declaration', '531620261123000009', sampleDeclaration(1), 16), /does not match/],
  ])('rejects %s with a reason and the seq when known', (_name, line, reason) => {
    const result = parseChange(bytes(line));
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.rejected.reason).toMatch(reason);
      expect(Buffer.from(result.rejected.raw).toString('utf8')).toBe(line);
    }
  });

  it('rejects bytes that are not UTF-8', () => {
    const result = parseChange(Buffer.from([0x7b, 0xff, 0x7d]));
    expect(result).toMatchObject({ ok: false, rejected: { reason: 'not valid UTF-8', seq: null } });
  });
});
