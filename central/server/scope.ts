// Token scopes (API.md, "Access"): `*` sees everything, `53` sees `53`, `53xx` and `*`,
// `5301` sees `5301` and `*`.

/** Whether a token with scope `tokenScope` may see a record with scope `recordScope`. */
export function scopeCovers(tokenScope: string, recordScope: string): boolean {
  if (tokenScope === '*' || recordScope === '*') return true;
  if (tokenScope.length === 2) return recordScope.startsWith(tokenScope);
  return recordScope === tokenScope;
}
