// Trunk post_build hook: writes the stable entry `lectern.js` into the build,
// from src/lectern.js, with the content-hashed names of the wasm-bindgen glue,
// the wasm and the widget's stylesheet; in release builds packs the wasm and
// the js (pack.mjs); and pre-renders the standalone page's
// default article into index.html (lectern-cli render), so the article is
// readable before any script runs.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { minifyModule, shortenNames } from './pack.mjs';

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
// The UI catalogs (i18n/*.json but qqq.json, which documents the keys) go
// beside lectern.js; lectern.js lists their tags, so the widget fetches only
// one it has.
const i18n = new URL('../i18n/', import.meta.url);
const catalogs = (await readdir(i18n)).filter((f) => /^[A-Za-z0-9-]+\.json$/.test(f) && f !== 'qqq.json').sort();
await mkdir(join(staging, 'i18n'), { recursive: true });
const tags = [];
for (const file of catalogs) {
  const text = await readFile(new URL(file, i18n), 'utf8');
  const tag = JSON.parse(text).lang;
  if (`${tag}.json` !== file) {
    console.error(`write-entry: i18n/${file} says "lang": ${JSON.stringify(tag)}; name it ${tag}.json`);
    process.exit(1);
  }
  tags.push(tag);
  // Minified: a catalog travels beside the document on first view.
  await writeFile(join(staging, 'i18n', file), JSON.stringify(JSON.parse(text)));
}
let entry = template.replace('__GLUE__', glue).replace('__WASM__', wasm).replace('__CSS__', css).replace('__CATALOGS__', JSON.stringify(tags))
  .replace('__ENGLISH__', () => {
    // lectern.js's own messages, for when no catalog can be had: English's.
    const english = JSON.parse(readFileSync(new URL('en.json', i18n), 'utf8'));
    return JSON.stringify({ crashed: english.crashed, no_src: english.no_src });
  });
if (process.env.TRUNK_PROFILE === 'release') {
  // Short import names in the wasm and the glue, and minified js (pack.mjs).
  const packed = shortenNames(
    await readFile(join(staging, wasm)),
    await readFile(join(staging, glue), 'utf8'),
    './lectern_bg.js',
  );
  await writeFile(join(staging, wasm), packed.wasm);
  // lectern.js always names the wasm: the glue's own default (a name that
  // is not the built file's) would only make bundlers warn.
  const glueText = packed.glue.replace(/new URL\((['"])lectern_bg\.wasm\1,\s*import\.meta\.url\)/, 'undefined');
  await writeFile(join(staging, glue), await minifyModule(glueText));
  entry = await minifyModule(entry);
  console.log(`write-entry: packed ${glue} and ${wasm} (${packed.renamed} names shortened), minified lectern.js`);
}
await writeFile(join(staging, 'lectern.js'), entry);
// A stable name for the stylesheet too, for pages that show a pre-rendered
// article before the widget starts (the widget itself loads the hashed one).
await writeFile(join(staging, 'lectern.css'), await readFile(join(staging, css)));
console.log(`write-entry: lectern.js -> ${glue}, ${wasm}, ${css}`);

// The build is also an npm package: the same files work from a CDN folder
// and from node_modules (every asset is found relative to lectern.js, which
// bundlers follow: `new URL('./file', import.meta.url)`). The types sit
// beside the entry. `npm pack dist` gives the tarball.
for (const types of ['lectern.d.ts', 'lectern-jsx.d.ts']) {
  await writeFile(join(staging, types), await readFile(new URL(`../src/${types}`, import.meta.url)));
}
const cargo = await readFile(new URL('../Cargo.toml', import.meta.url), 'utf8');
const field = (name) => cargo.match(new RegExp(`^${name} = "([^"]*)"`, 'm'))?.[1];
const manifest = {
  name: 'lectern',
  version: field('version'),
  description: field('description'),
  license: field('license'),
  type: 'module',
  main: './lectern.js',
  types: './lectern.d.ts',
  exports: {
    '.': { types: './lectern.d.ts', default: './lectern.js' },
    './jsx': { types: './lectern-jsx.d.ts' },
    './lectern.css': './lectern.css',
    './package.json': './package.json',
  },
  // The widget's files only: not the standalone page or its content.
  files: ['lectern.js', 'lectern.d.ts', 'lectern-jsx.d.ts', 'lectern.css', glue, wasm, css, 'i18n'],
  // Importing it defines <lectern-article> and mounts the page's widgets.
  sideEffects: ['./lectern.js'],
  peerDependencies: { '@types/react': '>=19' },
  peerDependenciesMeta: { '@types/react': { optional: true } },
};
await writeFile(join(staging, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`write-entry: package.json (${manifest.name}@${manifest.version}) and the types`);

// The standalone page: its default article, rendered by the widget's own components.
const indexPath = join(staging, 'index.html');
const index = await readFile(indexPath, 'utf8');
// The element, empty but for the marker comment (which Trunk's minifier
// may already have removed in a release build).
const empty = /(<div[^>]*data-lectern-standalone[^>]*>)\s*(<!-- lectern:prerender[^>]*-->)?\s*(<\/div>)/s;
const element = index.match(empty)?.[1];
const src = element?.match(/data-lectern-src="?([^"\s>]+)"?/)?.[1];
if (!src) {
  console.error('write-entry: index.html needs an empty [data-lectern-standalone] div with data-lectern-src');
  process.exit(1);
}
const root = new URL('..', import.meta.url).pathname;
// Rendered as if served from a placeholder origin, then made relative to the
// page again, so its links and images work wherever the folder is served.
const placeholder = 'https://lectern.invalid/';
// lectern-cli is a native tool built with the stable toolchain: drop the
// release recipe's nightly settings (scripts/release-env.sh) for it.
const stableEnv = Object.fromEntries(
  Object.entries(process.env).filter(
    ([key]) => !/^(RUSTUP_TOOLCHAIN|CARGO_UNSTABLE_|CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS)/.test(key),
  ),
);
const html = execFileSync(
  'cargo',
  ['run', '--quiet', '--offline', '--locked', '-p', 'lectern-cli', '--', 'render', join(root, src),
    '--heading-level', '1', '--base', `${placeholder}${src}`],
  { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], env: stableEnv },
).replaceAll(placeholder, '');
let page = index.replace(empty, (_, open, _marker, close) => `${open}${html}${close}`);
// Its description, as published pages have theirs (lectern-cli publish): the
// dek, or the first paragraph shortened to 160 characters.
const doc = JSON.parse(await readFile(join(root, src), 'utf8'));
const firstText = doc.body?.find((b) => b.type === 'paragraph')?.text;
const plain = typeof firstText === 'string' ? firstText : (firstText ?? []).map((s) => (typeof s === 'string' ? s : s.text)).join('');
const shorten = (text, max) => {
  if ([...text].length <= max) return text;
  let cut = [...text].slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  if (space > max / 2) cut = cut.slice(0, space);
  return `${cut.trimEnd()}…`;
};
const escape = (text) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
const description = doc.dek ?? shorten(plain, 160);
page = page.replace(/<title>/, () => `<meta name="description" content="${escape(description)}"><title>`);
console.log(`write-entry: index.html pre-rendered from ${src}`);

// First paint in one request: the page's stylesheets go inline, allowed by
// their hash in the page's own Content-Security-Policy (no 'unsafe-inline'),
// and nothing else blocks rendering. Trunk's leftover `<link rel=rust>` goes
// too (it is not valid HTML). The widget's files are preloaded, so it goes
// live sooner.
const sheets = [];
page = page.replace(/<link\b[^>]*\bhref="?\/?([^"\s>]+\.css)"?[^>]*>/g, (tag, file) => {
  if (!/\brel="?stylesheet/.test(tag)) return tag;
  sheets.push(file);
  return sheets.length === 1 ? '<!--lectern:styles-->' : '';
});
page = page.replace(/<link\b[^>]*\bdata-trunk\b[^>]*>/g, '');
const styles = (await Promise.all(sheets.map((f) => readFile(join(staging, f), 'utf8')))).join('\n');
for (const f of sheets) if (f !== css) await rm(join(staging, f));
// `?article=SLUG` shows another article than the pre-rendered one: hide the
// pre-render before the first paint (the widget then shows SLUG).
const early = "if(/[?&]article=/.test(location.search))document.documentElement.classList.add('lectern-elsewhere')";
const sha = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const policy = [
  "default-src 'self'",
  `script-src 'self' 'wasm-unsafe-eval' ${sha(early)}`,
  `style-src 'self' ${sha(styles)}`,
  "img-src 'self' https: data:",
  "connect-src 'self'",
].join('; ');
const head = [
  `<meta http-equiv="Content-Security-Policy" content="${policy}">`,
  `<script>${early}</script>`,
  `<style>${styles}</style>`,
  `<link rel="modulepreload" href="${glue}">`,
  `<link rel="preload" href="${wasm}" as="fetch" type="application/wasm" crossorigin>`,
].join('');
if (!page.includes('<!--lectern:styles-->')) {
  console.error('write-entry: index.html links no stylesheet to inline');
  process.exit(1);
}
page = page.replace('<!--lectern:styles-->', () => head);
await writeFile(indexPath, page);
console.log(`write-entry: index.html inlines ${sheets.join(', ')} (CSP hashes), preloads ${glue} and ${wasm}`);
