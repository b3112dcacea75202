// An archive of N articles made from the sample corpus (content/), for
// scripts/bench-publish: article i is sample i % 5 under a slug and id of
// its own, every version of it, its teaser, and related teasers that point
// to the next articles of the archive (their pages exist).
//   node bench/make-archive.mjs N DIR
import { mkdir, readFile, readdir, writeFile, copyFile } from 'node:fs/promises';
import { join } from 'node:path';

const [n, dir] = [Number(process.argv[2]), process.argv[3]];
if (!(n > 0) || !dir) {
  console.error('usage: node bench/make-archive.mjs N DIR');
  process.exit(2);
}
const root = new URL('../content/', import.meta.url).pathname;
const samples = (await readdir(root, { withFileTypes: true })).filter((d) => d.isDirectory()).map((d) => d.name).sort();
const docs = {};
for (const slug of samples) {
  docs[slug] = {};
  for (const file of await readdir(join(root, slug))) {
    docs[slug][file] = file.endsWith('.json') ? JSON.parse(await readFile(join(root, slug, file), 'utf8')) : null;
  }
}
const slugOf = (i) => `${samples[i % samples.length]}-${i}`;
const batch = [];
for (let i = 0; i < n; i += 1) {
  const sample = samples[i % samples.length];
  const slug = slugOf(i);
  batch.push((async () => {
    await mkdir(join(dir, slug), { recursive: true });
    for (const [file, doc] of Object.entries(docs[sample])) {
      if (!doc) {
        await copyFile(join(root, sample, file), join(dir, slug, file));
        continue;
      }
      const copy = structuredClone(doc);
      copy.id = `${doc.id}-${i}`;
      copy.related = (doc.related ?? []).map((teaser, k) => {
        const j = (i + k + 1) % n;
        const lang = file.replace(/\.json$/, '');
        return { ...teaser, href: `../../?article=${slugOf(j)}`, article: `../${slugOf(j)}/${lang}.json` };
      });
      await writeFile(join(dir, slug, file), `${JSON.stringify(copy, null, 2)}\n`);
    }
  })());
  if (batch.length >= 64) await Promise.all(batch.splice(0));
}
await Promise.all(batch);
console.log(`make-archive: ${n} articles in ${dir}`);
