// `lectern-cli publish`: the sample corpus published under a base URL with a
// path (as a newsroom's /news/), served by a plain static server, read with
// and without JavaScript, and checked by the W3C checker.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EN, HANS, HANT, checkHtml, launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const root = new URL('..', import.meta.url).pathname;
const AXE = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SLUG = 'china-opportunity-to-lead-on-north-korea';
const TITLES = { en: EN, 'zh-Hans': HANS, 'zh-Hant': HANT };
let out;
let server;
let browser;
let base;

before(async () => {
  out = await mkdtemp(join(tmpdir(), 'lectern-publish-'));
  server = await serveSite({ '/news/': out });
  base = `${server.origin}/news/`;
  execFileSync(
    'cargo',
    ['run', '--quiet', '--offline', '--locked', '-p', 'lectern-cli', '--', 'publish', 'content', out, '--base-url', base, '--widget', 'dist'],
    { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] },
  );
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
  if (out) await rm(out, { recursive: true, force: true });
});

/** Every published page: [path under out, html]. */
async function pages() {
  const found = [];
  for (const slug of await readdir(out, { withFileTypes: true })) {
    if (!slug.isDirectory() || slug.name === 'lectern') continue;
    for (const lang of await readdir(join(out, slug.name), { withFileTypes: true })) {
      if (!lang.isDirectory()) continue;
      const path = join(slug.name, lang.name, 'index.html');
      found.push([path, await readFile(join(out, path), 'utf8')]);
    }
  }
  return found;
}

const links = (html, rel) =>
  [...html.matchAll(new RegExp(`<link rel="${rel}" (?:hreflang="([^"]+)" )?href="([^"]+)">`, 'g'))].map((m) => [m[1], m[2]]);

test('one page per article per language, each its own canonical, with reciprocal hreflang alternates and x-default', async () => {
  const all = await pages();
  assert.equal(all.length, 17, 'five articles in three languages, one of them in Arabic and Japanese too');
  const alternatesOf = new Map();
  for (const [path, html] of all) {
    const url = base + path.replace(/index\.html$/, '');
    assert.deepEqual(links(html, 'canonical'), [[undefined, url]], `${path}: canonical is the page itself`);
    const lang = path.split('/')[1];
    assert.match(html, new RegExp(`<html lang="${lang}" dir="${lang === 'ar' ? 'rtl' : 'ltr'}">`));
    const alternates = links(html, 'alternate');
    alternatesOf.set(url, alternates);
    assert.ok(alternates.some(([l, href]) => l === lang && href === url), `${path} lists itself`);
    const xDefault = alternates.filter(([l]) => l === 'x-default');
    assert.equal(xDefault.length, 1);
    assert.ok(xDefault[0][1].endsWith('/en/'), `${path}: x-default is the original (English) version`);
    for (const meta of ['og:title', 'og:description', 'og:url', 'og:type']) {
      assert.match(html, new RegExp(`<meta property="${meta}" content="[^"]+">`), `${path}: ${meta}`);
    }
    const ld = JSON.parse(html.match(/<script type="application\/ld\+json">(.*?)<\/script>/s)[1]);
    assert.equal(ld['@type'], 'NewsArticle');
    assert.equal(ld.inLanguage, lang);
    assert.equal(ld.url, url);
  }
  // Reciprocal: every page a page names names it back.
  for (const [url, alternates] of alternatesOf) {
    for (const [lang, href] of alternates) {
      if (lang === 'x-default') continue;
      assert.ok(alternatesOf.has(href), `${href} exists`);
      assert.ok(alternatesOf.get(href).some(([, back]) => back === url), `${href} names ${url} back`);
    }
  }
  // Teasers with an image give previews an image.
  const diplomacy = all.find(([path]) => path === 'diplomacy-between-languages/en/index.html')[1];
  assert.match(diplomacy, new RegExp(`<meta property="og:image" content="${base}diplomacy-between-languages/teaser.svg">`));
});

test('the pages pass the W3C checker (so no duplicate ids) and the sitemap is well-formed with every page', async () => {
  const files = (await pages()).map(([path]) => join(out, path));
  const report = await checkHtml(files);
  assert.equal(report, '', 'the W3C checker found errors');
  const { context, page } = await pageWithErrorLog(browser);
  try {
    await page.goto(`${base}sitemap.xml`);
    const sitemap = await page.evaluate(async (url) => {
      const xml = new DOMParser().parseFromString(await (await fetch(url)).text(), 'application/xml');
      const ns = 'http://www.sitemaps.org/schemas/sitemap/0.9';
      return {
        error: xml.getElementsByTagName('parsererror').length,
        locs: [...xml.getElementsByTagNameNS(ns, 'loc')].map((l) => l.textContent),
        alternates: xml.getElementsByTagNameNS('http://www.w3.org/1999/xhtml', 'link').length,
      };
    }, `${base}sitemap.xml`);
    assert.equal(sitemap.error, 0);
    assert.equal(sitemap.locs.length, 17);
    assert.ok(sitemap.locs.includes(`${base}${SLUG}/zh-Hant/`));
    assert.equal(sitemap.alternates, 4 * 3 * 3 + 5 * 5, 'an alternate for each version on each page');
  } finally {
    await context.close();
  }
});

test('with JavaScript off each language page reads in its language, and its language links are real pages', async () => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    for (const lang of ['en', 'zh-Hans', 'zh-Hant']) {
      await page.goto(`${base}${SLUG}/${lang}/`);
      assert.equal(await page.locator('article h1').textContent(), TITLES[lang]);
      assert.equal(await page.locator('article').getAttribute('lang'), lang);
      assert.ok((await page.locator('article [data-block-id]').count()) >= 5);
    }
    // A link to a paragraph works without script: the browser scrolls to it.
    await page.goto(`${base}${SLUG}/zh-Hans/#lectern-${SLUG}-p8`);
    const top = await page.locator('[data-block-id=p8]').evaluate((p) => p.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 20, `p8 at the top (its scroll margin above it): ${top}`);
    // No script: the 繁體 link still leads to the 繁體 page.
    await page.goto(`${base}${SLUG}/en/`);
    await page.locator('a[lang="zh-Hant"]').click();
    await page.waitForURL(`${base}${SLUG}/zh-Hant/`);
    assert.equal(await page.locator('article h1').textContent(), HANT);
  } finally {
    await context.close();
  }
});

test('with JavaScript on the page goes live under its strict CSP, and choosing a language goes to that page', async () => {
  // A reader whose browser prefers 繁體 still gets the page's own language.
  const { context, page, errors } = await pageWithErrorLog(browser, { locale: 'zh-TW' });
  try {
    // First paint needs the page alone: nothing render-blocking besides it.
    const blocking = [];
    page.on('request', (r) => r.resourceType() === 'stylesheet' && blocking.push(r.url()));
    const violations = [];
    page.on('console', (msg) => {
      if (/Content Security Policy/i.test(msg.text())) violations.push(msg.text());
    });
    await page.goto(`${base}${SLUG}/zh-Hans/`);
    await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), HANS);
    // Live: the bio opens.
    await page.locator('.lc-bio__toggle').click();
    assert.equal(await page.locator('.lc-bio__panel').isVisible(), true);
    await page.locator('a[lang="en"]').click();
    await page.waitForURL(`${base}${SLUG}/en/`);
    await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
    assert.equal(await page.locator('article h1').textContent(), EN);
    // The passage in view goes along: the 繁體 page opens at the same block.
    // (Clicked where it is, as a keyboard or a script does, without
    // scrolling up to the selector first.)
    await page.locator('[data-block-id=p6]').evaluate((p) => p.scrollIntoView({ block: 'start', behavior: 'instant' }));
    await page.locator('a[lang="zh-Hant"]').evaluate((a) => a.click());
    await page.waitForURL(`${base}${SLUG}/zh-Hant/#lectern-${SLUG}-p6`);
    await page.waitForFunction(() => {
      // At the top, below its scroll margin.
      const top = document.querySelector('[data-block-id=p6]').getBoundingClientRect().top;
      return top >= 0 && top < 20;
    });
    await page.goBack();
    await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
    // Related teasers lead to the published pages.
    const teaser = await page.locator('.lc-teaser a').first().getAttribute('href');
    assert.match(teaser, new RegExp(`^${base}[a-z-]+/en/$`));
    assert.deepEqual(violations, []);
    assert.deepEqual(blocking, [], 'no stylesheet request: the page carries its style');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('a paragraph link on a published page is marked once live and stays marked into 对照, offered in place on the page of its first language', async () => {
  const { context, page, errors } = await pageWithErrorLog(browser, { viewport: { width: 1280, height: 800 } });
  try {
    await page.goto(`${base}${SLUG}/en/#lectern-${SLUG}-p4`);
    const live = '.lectern[id^="lectern-"]:not([id^="lectern-ssr"])';
    await page.locator(`${live} [data-block-id=p4][aria-current="location"]`).waitFor();
    const top = await page.locator('[data-block-id=p4]').evaluate((b) => b.getBoundingClientRect().top);
    assert.ok(top >= 0 && top < 40, `scrolled to: ${top}`);
    // The pair is a link to this page (it works without script), taken in place.
    const pair = page.getByRole('link', { name: 'English + 简体' });
    assert.equal(await pair.getAttribute('href'), `${base}${SLUG}/en/?lang=en%2Bzh-Hans`);
    await page.evaluate(() => (window.notReloaded = true));
    await pair.click();
    await page.locator(`${live} [data-col="2"][data-block-id=p4][aria-current="location"]`).waitFor();
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.equal(page.url(), `${base}${SLUG}/en/#lectern-${SLUG}-p4`, 'the page keeps its own address');
    // From another version's page, the pair's link leads to its first language's page.
    await page.goto(`${base}${SLUG}/zh-Hant/`);
    await page.locator(`${live} article h1`).waitFor();
    await page.getByRole('link', { name: 'English + 繁體' }).click();
    await page.waitForURL(`${base}${SLUG}/en/?lang=en%2Bzh-Hant`);
    await page.locator(`${live} [data-col="2"][lang="zh-Hant"]`).first().waitFor();
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('axe finds no WCAG A/AA violation on the published pages, live, at 375 and 1280 px', async () => {
  const failures = [];
  for (const width of [375, 1280]) {
    const { context, page, errors } = await pageWithErrorLog(browser, { viewport: { width, height: 800 } });
    try {
      for (const lang of ['en', 'zh-Hans', 'zh-Hant']) {
        await page.goto(`${base}diplomacy-between-languages/${lang}/`);
        await page.locator('.lectern[id^="lectern-"]:not([id^="lectern-ssr"]) article h1').waitFor();
        await page.evaluate(AXE);
        const { violations } = await page.evaluate(() =>
          window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } }),
        );
        for (const v of violations) failures.push(`${lang} ${width}px ${v.id}: ${v.help}`);
      }
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  }
  assert.deepEqual(failures, []);
});
