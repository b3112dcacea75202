// Writes generated long articles for the benchmark: OUT/long-N/en.json with
// N paragraphs: the sample article's first sentences, in turn.
import { mkdir, readFile, writeFile } from 'node:fs/promises';

const out = process.argv[2];
const sample = JSON.parse(
  await readFile(new URL('../content/china-opportunity-to-lead-on-north-korea/en.json', import.meta.url), 'utf8'),
);
for (const n of [1000, 10000]) {
  const body = Array.from({ length: n }, (_, i) => ({
    type: 'paragraph',
    id: `p${i + 1}`,
    // The first sentence of each sample paragraph in turn: 10,000 of them stay
    // well under the 5 MiB document limit.
    text: `${sample.body[i % sample.body.length].text.split('. ')[0]}.`,
  }));
  const doc = { ...sample, id: `long-${n}`, title: `${n} paragraphs`, body, translations: undefined, related: undefined };
  await mkdir(`${out}/long-${n}`, { recursive: true });
  await writeFile(`${out}/long-${n}/en.json`, JSON.stringify(doc));
}
