// Identifier formats with their real check digits: unified social credit codes
// (GB 32100-2015, with the GB 11714 organisation code inside), ISO 6346 container
// numbers and IMO ship numbers.
import type { Rng } from './prng.js';

const usccChars = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const usccWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const orgWeights = [3, 7, 9, 10, 5, 8, 4, 2];

function orgCheck(body: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : ch.charCodeAt(0) - 55;
    sum += v * orgWeights[i]!;
  }
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function usccCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += usccChars.indexOf(first17[i]!) * usccWeights[i]!;
  return usccChars[(31 - (sum % 31)) % 31]!;
}

/** An 18-character unified social credit code of an enterprise registered in `division`. */
export function makeUscc(rng: Rng, division: string): string {
  let body = '';
  for (let i = 0; i < 8; i++) body += rng.chance(0.85) ? String(rng.int(10)) : usccChars[10 + rng.int(usccChars.length - 10)]!;
  const first17 = `91${division}${body}${orgCheck(body)}`;
  return first17 + usccCheck(first17);
}

const containerLetterValues = (() => {
  const values = new Map<string, number>();
  let v = 10;
  for (const ch of 'ABCDEFGHIJKLMNOPQRSTUVWXYZ') {
    if (v % 11 === 0) v++;
    values.set(ch, v++);
  }
  return values;
})();

export function containerCheck(first10: string): number {
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const ch = first10[i]!;
    const v = ch >= '0' && ch <= '9' ? ch.charCodeAt(0) - 48 : containerLetterValues.get(ch)!;
    sum += v * 2 ** i;
  }
  return (sum % 11) % 10;
}

export function makeContainer(rng: Rng, owner: string): string {
  const first10 = owner + String(rng.int(1_000_000)).padStart(6, '0');
  return first10 + containerCheck(first10);
}

export function makeImo(rng: Rng): string {
  const digits = [9, ...Array.from({ length: 5 }, () => rng.int(10))];
  const check = digits.reduce((sum, d, i) => sum + d * (7 - i), 0) % 10;
  return `IMO${digits.join('')}${check}`;
}
