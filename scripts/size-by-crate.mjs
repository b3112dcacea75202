// Groups `twiggy top --format csv` rows by crate: lectern for anything
// instantiated for our own types, else the crate of the item's own path
// (`yew::…`), else of the trait it implements (`<T as core::fmt::Debug>` →
// core). Custom sections (names) are left out: they never ship. Prints raw bytes and, given
// the shipped wasm's brotli size, each crate's share of it.
//
//   node scripts/size-by-crate.mjs TOP.csv [BROTLI_BYTES]
import { readFileSync } from 'node:fs';

const [csvPath, brotliArg] = process.argv.slice(2);
const brotli = Number(brotliArg ?? 0);

/** Splits one CSV line (twiggy quotes names that hold commas). */
function fields(line) {
  const out = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field); field = ''; }
    else field += c;
  }
  out.push(field);
  return out;
}

const IDENT = /^[a-z_][a-z0-9_]*(?=(\[[0-9a-f]+\])?::)/;

function crateOf(name) {
  // Names and other custom sections: kept for reading only, never shipped.
  if (/^(custom section|"function names"|"local names"|"[a-z ]+" subsection)/.test(name)) return null;
  if (name.startsWith('data segment')) return '.rodata and other data';
  // Generic code instantiated for our own types (a component's view inlined
  // into Yew's CompStateInner<T>::view, Vec<Block>, Rc<Article>) is ours.
  if (/\blectern(\[[0-9a-f]+\])?::/.test(name)) return 'lectern';
  if (/^(type\[|table\[|elem\[|import |export |global\[|memory\[|wasm magic|header)/.test(name)) {
    return '(wasm sections, imports, exports, tables)';
  }
  if (/^code\[\d+\]$/.test(name)) return '(unnamed functions)';
  let rest = name.replace(/^[<&*]+|^(mut |const |dyn )+/g, '');
  rest = rest.replace(/^[<&*]+/, '');
  const own = rest.match(IDENT);
  if (own) return own[0];
  const trait = name.match(/ as ([a-z_][a-z0-9_]*)(\[[0-9a-f]+\])?::/);
  if (trait) return trait[1];
  return '(other)';
}

const lines = readFileSync(csvPath, 'utf8').trim().split('\n').slice(1);
const byCrate = new Map();
let total = 0;
for (const line of lines) {
  const [name, size] = fields(line);
  const bytes = Number(size);
  if (!Number.isFinite(bytes) || name.startsWith('Σ') || name.startsWith('...')) continue;
  const crate = crateOf(name);
  if (crate === null) continue;
  total += bytes;
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + bytes);
}
const rows = [...byCrate].sort((a, b) => b[1] - a[1]);
console.log(`${'crate'.padEnd(44)} ${'raw'.padStart(9)} ${'share'.padStart(7)}${brotli ? ` ${'≈ brotli'.padStart(9)}` : ''}`);
for (const [crate, bytes] of rows) {
  const share = bytes / total;
  const br = brotli ? ` ${String(Math.round(share * brotli)).padStart(9)}` : '';
  console.log(`${crate.padEnd(44)} ${String(bytes).padStart(9)} ${(share * 100).toFixed(1).padStart(6)}%${br}`);
}
console.log(`${'total'.padEnd(44)} ${String(total).padStart(9)}`);
