// Packing the release build's wasm and js for readers (called by
// write-entry.mjs, the post_build hook), after Trunk's wasm-opt:
//
// - wasm-bindgen names every import after its web API and a hash
//   (`__wbg_getBoundingClientRect_329ca748ec918b0c`) and some exports after
//   their full Rust path; the names sit in the wasm and again in the glue js,
//   and the hashes do not compress. They are renamed to short ones (`$0`,
//   `$1`, …) in both files, consistently.
// - The glue js and lectern.js are minified with terser (names of exports and
//   of properties are kept).
import { minify } from 'terser';

function readU32(bytes, at) {
  let value = 0;
  let shift = 0;
  let pos = at;
  for (;;) {
    const byte = bytes[pos++];
    value += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) return [value, pos];
    shift += 7;
  }
}

function u32(value) {
  const out = [];
  let rest = value;
  do {
    let byte = rest & 0x7f;
    rest = Math.floor(rest / 128);
    if (rest > 0) byte |= 0x80;
    out.push(byte);
  } while (rest > 0);
  return out;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const encode = (text) => [...new TextEncoder().encode(text)];
const nameBytes = (text) => {
  const bytes = encode(text);
  return [...u32(bytes.length), ...bytes];
};

function readName(bytes, at) {
  const [length, start] = readU32(bytes, at);
  return [utf8.decode(bytes.subarray(start, start + length)), start + length];
}

/** The length in bytes of an import's description (after its two names). */
function importDescLength(bytes, at) {
  const kind = bytes[at];
  let pos = at + 1;
  switch (kind) {
    case 0: // function: type index
      return readU32(bytes, pos)[1] - at;
    case 1: { // table: reftype, limits
      pos += 1;
      const flags = bytes[pos++];
      pos = readU32(bytes, pos)[1];
      if (flags & 1) pos = readU32(bytes, pos)[1];
      return pos - at;
    }
    case 2: { // memory: limits
      const flags = bytes[pos++];
      pos = readU32(bytes, pos)[1];
      if (flags & 1) pos = readU32(bytes, pos)[1];
      return pos - at;
    }
    case 3: // global: valtype, mutability
      return 3;
    case 4: // tag: attribute, type index
      return readU32(bytes, pos + 1)[1] - at;
    default:
      throw new Error(`pack: unknown import kind ${kind}`);
  }
}

/**
 * Renames the wasm's imports from `module` and its exports longer than 24
 * characters, and the same names in the glue. Returns { wasm, glue, renamed }.
 */
export function shortenNames(wasm, glue, module) {
  const bytes = new Uint8Array(wasm);
  const renames = new Map();
  let counter = 0;
  const shortName = (old) => {
    if (!renames.has(old)) renames.set(old, `$${(counter++).toString(36)}`);
    return renames.get(old);
  };
  const out = [bytes.subarray(0, 8)];
  let pos = 8;
  while (pos < bytes.length) {
    const id = bytes[pos];
    const [size, start] = readU32(bytes, pos + 1);
    const end = start + size;
    let body = null;
    if (id === 2) {
      const [count, first] = readU32(bytes, start);
      body = [...u32(count)];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [from, afterModule] = readName(bytes, at);
        const [field, afterField] = readName(bytes, afterModule);
        const descLength = importDescLength(bytes, afterField);
        const renamed = from === module ? shortName(field) : field;
        body.push(...nameBytes(from), ...nameBytes(renamed), ...bytes.subarray(afterField, afterField + descLength));
        at = afterField + descLength;
      }
    } else if (id === 7) {
      const [count, first] = readU32(bytes, start);
      body = [...u32(count)];
      let at = first;
      for (let i = 0; i < count; i++) {
        const [field, afterField] = readName(bytes, at);
        const [index, afterIndex] = readU32(bytes, afterField + 1);
        const renamed = field.length > 24 ? shortName(field) : field;
        body.push(...nameBytes(renamed), bytes[afterField], ...u32(index));
        at = afterIndex;
      }
    }
    if (body) out.push(Uint8Array.from([id, ...u32(body.length), ...body]));
    else out.push(bytes.subarray(pos, end));
    pos = end;
  }
  let text = glue;
  for (const [old, renamed] of renames) {
    const pattern = new RegExp(`(?<![\\w$])${old.replace(/\$/g, '\\$')}(?![\\w$])`, 'g');
    const found = text.match(pattern)?.length ?? 0;
    if (found === 0) throw new Error(`pack: the glue never names ${old}`);
    text = text.replace(pattern, renamed);
  }
  return { wasm: Buffer.concat(out), glue: text, renamed: renames.size };
}

/** Minifies an ES module, keeping its exports' and properties' names. */
export async function minifyModule(code) {
  const result = await minify(code, {
    module: true,
    ecma: 2020,
    compress: { passes: 2 },
    mangle: true,
    format: { comments: false },
  });
  return result.code;
}
