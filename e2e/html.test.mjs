// Valid HTML, by a checker we did not write: the W3C Nu HTML Checker
// (npm vnu-jar, run with Java) over the built standalone page, the
// pre-rendered output of `lectern-cli render` (a page, and an embed with a
// declarative shadow root), and the live DOM after the widget took over
// and after a language switch. 0 errors.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HANS, checkHtml, launchBrowser, pageWithErrorLog, renderArticle, serveFolder } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const ARTICLE = 'content/china-opportunity-to-lead-on-north-korea/en.json';

const vnu = checkHtml;

const page = (body) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body><main>${body}</main></body></html>`;

test('the checker can fail: it reports a button inside a link', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-vnu-'));
  try {
    await writeFile(join(dir, 'bad.html'), page('<a href="#"><button>x</button></a>'));
    assert.match(await vnu([join(dir, 'bad.html')]), /error/i);
  } finally {
    await rm(dir, { recursive: true });
  }
});

test('the built page, the pre-rendered output and the live DOM are valid HTML', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'lectern-vnu-'));
  const server = await serveFolder(root('dist'));
  const browser = await launchBrowser();
  try {
    const files = {
      'built-index.html': await readFile(root('dist/index.html'), 'utf8'),
      'render-page.html': renderArticle(ARTICLE, `https://example.org/${ARTICLE}`, ['--page', '--css', 'lectern.css']),
      'render-snippet.html': page(renderArticle(ARTICLE, `https://example.org/${ARTICLE}`)),
      'render-embed.html': page(
        renderArticle(ARTICLE, `https://example.org/${ARTICLE}`, ['--embed', `https://example.org/${ARTICLE}`, '--css', 'lectern.css']),
      ),
      // One article pre-rendered twice on a page: ids stay unique (the
      // checker reports duplicate ids).
      'render-twice.html': page(
        [1, 2].map((n) => renderArticle(ARTICLE, `https://example.org/${ARTICLE}`, ['--ordinal', String(n)])).join(''),
      ),
    };
    const { context, page: tab, errors } = await pageWithErrorLog(browser);
    try {
      const dom = () => tab.evaluate(() => `<!doctype html>${document.documentElement.outerHTML}`);
      await tab.goto(`${server.origin}/?lang=en`);
      await tab.locator('.lectern:not([id^="lectern-ssr"]) article h1').waitFor();
      await tab.getByRole('button', { name: 'About the author' }).click();
      files['live-en.html'] = await dom();
      await tab.locator('.lectern a[lang="zh-Hans"]').click();
      await tab.locator('article h1', { hasText: HANS }).waitFor();
      files['live-zh-Hans.html'] = await dom();
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
    const paths = [];
    for (const [name, html] of Object.entries(files)) {
      await writeFile(join(dir, name), html);
      paths.push(join(dir, name));
    }
    assert.equal(await vnu(paths), '', 'the W3C checker found errors');
    // And it would see duplicates: the same snippet twice is refused.
    const twice = join(dir, 'twice-same.html');
    await writeFile(twice, page(renderArticle(ARTICLE, `https://example.org/${ARTICLE}`).repeat(2)));
    assert.match(await vnu([twice]), /Duplicate ID/);
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true });
  }
});
