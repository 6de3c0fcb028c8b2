// What ticket search indexes, and how a user's query becomes an FTS5 MATCH expression.
// unicode61 keeps a run of Han characters as one token, so "华强" would never match
// inside "深圳华强电子". Han characters are therefore indexed one per token and a
// query's Han run becomes a phrase of single characters: any substring matches.
const han = /[\u3400-\u9fff\uf900-\ufaff]/gu;
const hanRun = /^[\u3400-\u9fff\uf900-\ufaff]+$/u;

export function spaceHan(text: string): string {
  return text.replace(han, (ch) => ` ${ch} `);
}

export interface DeclarationSearchFields {
  id: string;
  enterprise: string;
  items: string;
  containers: string;
}

interface SearchableDeclaration {
  id?: unknown;
  enterprise?: { code?: unknown; name?: unknown } | null;
  items?: Array<{ hs?: unknown; description?: unknown }>;
  containers?: unknown[];
}

export function declarationSearchFields(data: SearchableDeclaration): DeclarationSearchFields {
  const items = (data.items ?? []).map((item) => `${String(item.hs ?? '')} ${String(item.description ?? '')}`).join(' ');
  return {
    id: String(data.id ?? ''),
    enterprise: spaceHan(`${String(data.enterprise?.code ?? '')} ${String(data.enterprise?.name ?? '')}`),
    items: spaceHan(items),
    containers: (data.containers ?? []).map(String).join(' '),
  };
}

/** 32-bit FNV-1a of the searchable text: an unchanged ticket keeps its FTS row. */
export function searchSignature(fields: DeclarationSearchFields): number {
  let hash = 0x811c9dc5;
  const text = `${fields.id}\u0000${fields.enterprise}\u0000${fields.items}\u0000${fields.containers}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash | 0;
}

/**
 * A user's search text → an FTS5 expression: every word must match; Latin/digit words
 * match as prefixes ("8471" finds HS 847130), Han runs as phrases of characters.
 * Returns null when nothing searchable is left.
 */
export function ftsQuery(text: string): string | null {
  const terms: string[] = [];
  for (const word of text.normalize('NFKC').split(/[\s,;，；、]+/u)) {
    const parts = word.split(/([\u3400-\u9fff\uf900-\ufaff]+)/u).filter((p) => p.length > 0);
    for (const part of parts) {
      if (hanRun.test(part)) {
        terms.push(`"${[...part].join(' ')}"`);
        continue;
      }
      for (const token of part.split(/[^\p{L}\p{N}]+/u)) {
        if (token) terms.push(`"${token}"*`);
      }
    }
  }
  return terms.length > 0 ? terms.join(' AND ') : null;
}
