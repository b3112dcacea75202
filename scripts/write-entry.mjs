// Trunk post_build hook: writes the stable entry `lectern.js` into the build,
// from src/lectern.js, with the content-hashed names of the wasm-bindgen glue,
// the wasm and the widget's stylesheet.
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const staging = process.env.TRUNK_STAGING_DIR;
if (!staging) {
  console.error('write-entry: run me as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)');
  process.exit(1);
}
const files = await readdir(staging);
const one = (pattern, what) => {
  const found = files.filter((f) => pattern.test(f));
  if (found.length !== 1) {
    console.error(`write-entry: expected one ${what} in ${staging}, found ${JSON.stringify(found)}`);
    process.exit(1);
  }
  return found[0];
};
const glue = one(/^lectern-[0-9a-f]+\.js$/, 'wasm-bindgen glue');
const wasm = one(/^lectern-[0-9a-f]+_bg\.wasm$/, 'wasm module');
const css = one(/^lectern-[0-9a-f]+\.css$/, 'widget stylesheet');
const template = await readFile(new URL('../src/lectern.js', import.meta.url), 'utf8');
const entry = template.replace('__GLUE__', glue).replace('__WASM__', wasm).replace('__CSS__', css);
await writeFile(join(staging, 'lectern.js'), entry);
console.log(`write-entry: lectern.js -> ${glue}, ${wasm}, ${css}`);
