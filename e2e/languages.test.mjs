// Every language (issue 30), on the release build in headless Chromium:
// right-to-left content in the standalone page, an embed and
// <lectern-article>; the chrome mirrored under an Arabic UI; 对照 English +
// العربية in both layouts; the UI in each shipped catalog with no key name on
// screen; a host's catalog for a language Lectern does not ship.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const SLUG = 'diplomacy-between-languages';
const LIVE = '.lectern:not([id^="lectern-ssr"])';
const CATALOGS = Object.fromEntries(
  readdirSync(root('i18n'))
    .filter((f) => f.endsWith('.json') && f !== 'qqq.json')
    .map((f) => [f.replace(/\.json$/, ''), JSON.parse(readFileSync(root(`i18n/${f}`), 'utf8'))]),
);
const KEYS = Object.keys(CATALOGS.en).filter((k) => k !== 'lang' && k !== 'name');
const AR = CATALOGS.ar;
const AR_TITLE = 'الدبلوماسية بين اللغات';

/** A host page with one widget per entry of `widgets` (its attributes), in
 * the `data-lectern-src` form or as `<lectern-article>`. */
function embedPage(widgets, form = 'div') {
  const elements = widgets
    .map((attrs, i) =>
      form === 'div'
        ? `<div id="w${i + 1}" ${attrs}></div>`
        : `<lectern-article id="w${i + 1}" ${attrs.replaceAll('data-lectern-lang=', 'language=').replaceAll('data-lectern-', '')}></lectern-article>`,
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"><script type="module" src="/assets/lectern/lectern.js"></script></head>
<body><main><h1>Host page</h1>${elements}<p style="height:150vh">The host's end.</p></main></body></html>`;
}

/** A catalog for Thai, which Lectern does not ship: a host brings it. */
const THAI = {
  lang: 'th',
  name: 'ไทย',
  settings: 'การตั้งค่าการอ่าน',
  back_to_top: 'กลับขึ้นด้านบน',
  language: 'ภาษา',
};

/** An article in Thai, written without spaces between words: its reading
 * time counts the words Intl.Segmenter finds, not the space-separated runs. */
const THAI_SENTENCE = 'การทูตระหว่างภาษาต้องอาศัยการเลือกถ้อยคำอย่างระมัดระวังเสมอ';
const THAI_ARTICLE = {
  format: 'lectern.article/1',
  id: 'thai-sample',
  lang: 'th',
  title: 'การทูตระหว่างภาษา',
  published: '2018-03-14',
  authors: [{ name: 'Lectern Sample Desk' }],
  body: Array.from({ length: 12 }, (_, i) => ({
    type: 'paragraph',
    id: `p${i + 1}`,
    text: Array.from({ length: 12 }, () => THAI_SENTENCE).join(' '),
  })),
};

let site;
let browser;
before(async () => {
  site = await serveSite(
    { '/assets/lectern/': root('dist'), '/content/': root('content'), '/': root('dist') },
    {
      handle: (req, res) => {
        const url = new URL(req.url, 'http://x');
        if (url.pathname === '/thai/th.json') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(THAI_ARTICLE));
          return true;
        }
        if (url.pathname === '/strings/th.json') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(THAI));
          return true;
        }
        const match = url.pathname.match(/^\/embed\/(div|element)\.html$/);
        if (!match) return false;
        const widgets = url.searchParams.getAll('w');
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(embedPage(widgets, match[1] === 'div' ? 'div' : 'element'));
        return true;
      },
    },
  );
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
});

async function withPage(options, body) {
  const { context, page, errors } = await pageWithErrorLog(browser, options);
  try {
    await body(page);
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

const embedUrl = (form, ...widgets) =>
  `${site.origin}/embed/${form}.html?${widgets.map((w) => `w=${encodeURIComponent(w)}`).join('&')}`;

/** What a reader of `scope` sees of direction: the title's and each
 * paragraph's computed direction, the author's name isolated or not. */
const directions = (page, scope) =>
  page.locator(`${scope} article`).first().evaluate((article) => ({
    article: getComputedStyle(article).direction,
    title: getComputedStyle(article.querySelector('.lc-article__title')).direction,
    paragraphs: [...article.querySelectorAll('.lc-article__body .lc-body__p')].map((p) => getComputedStyle(p).direction),
    name: article.querySelector('.lc-byline__name')?.textContent,
    nameIsolated: ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(article.querySelector('.lc-byline__name bdi')).unicodeBidi),
    // The Latin name sits where the byline starts: the right, as the title.
    nameAligned: Math.abs(article.querySelector('.lc-byline__name bdi').getBoundingClientRect().right - article.querySelector('.lc-article__title').getBoundingClientRect().right) < 2,
    settings: article.querySelector('.lc-settings__toggle').textContent.trim(),
  }));

test('Arabic content reads right to left, English names inside it isolated: standalone, embed, <lectern-article>', async () => {
  const places = [
    [`${site.origin}/?article=${SLUG}&lang=ar`, LIVE],
    [embedUrl('div', `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="ar"`), '#w1'],
    [embedUrl('element', `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="ar"`), '#w1'],
  ];
  for (const [url, host] of places) {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(url);
      const scope = host === LIVE ? LIVE : `${host} >> ${LIVE}`;
      await page.locator(`${scope} article .lc-article__title`).getByText(AR_TITLE).waitFor();
      const seen = await directions(page, scope);
      assert.equal(seen.article, 'rtl', url);
      assert.equal(seen.title, 'rtl', url);
      assert.deepEqual(seen.paragraphs, ['rtl', 'rtl', 'rtl'], url);
      assert.equal(seen.name, 'Lectern Sample Desk');
      assert.ok(seen.nameIsolated, `the Latin name is isolated (${url})`);
      assert.ok(seen.nameAligned, `the Latin name starts on the right (${url})`);
      // The UI speaks the content's language: Arabic, from its catalog.
      assert.equal(seen.settings, AR.settings, url);
    });
  }
});

test('under an Arabic UI the chrome is mirrored: back-to-top at the inline end (left), the ¶ link at the inline start (right)', async () => {
  await withPage({ viewport: { width: 1280, height: 700 } }, async (page) => {
    await page.goto(`${site.origin}/?article=${SLUG}&lang=ar`);
    await page.locator(`${LIVE} article h1`).getByText(AR_TITLE).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.dir), 'rtl');
    const places = await page.locator(`${LIVE} article`).evaluate((article) => {
      const box = article.getBoundingClientRect();
      const p = article.querySelector('.lc-article__body .lc-block');
      const link = p.querySelector('.lc-block__link').getBoundingClientRect();
      const text = p.querySelector('.lc-body__p').getBoundingClientRect();
      const back = article.querySelector('.lc-back-to-top');
      back.hidden = false;
      const pill = back.getBoundingClientRect();
      return { mid: box.left + box.width / 2, link, text, pill, backText: back.textContent };
    });
    assert.ok(places.link.left >= places.text.right - 1, `¶ right of the paragraph: ${JSON.stringify(places)}`);
    assert.ok(places.pill.right < places.mid, `back-to-top on the left: ${JSON.stringify(places)}`);
    assert.match(places.backText, new RegExp(AR.back_to_top));
    // And left to right, the same controls on the other sides.
    await page.goto(`${site.origin}/?article=${SLUG}&lang=en`);
    await page.locator(`${LIVE} article h1`).getByText('Diplomacy Between Languages').waitFor();
    const ltr = await page.locator(`${LIVE} article`).evaluate((article) => {
      const box = article.getBoundingClientRect();
      const p = article.querySelector('.lc-article__body .lc-block');
      const back = article.querySelector('.lc-back-to-top');
      back.hidden = false;
      return {
        mid: box.left + box.width / 2,
        link: p.querySelector('.lc-block__link').getBoundingClientRect().right,
        text: p.querySelector('.lc-body__p').getBoundingClientRect().left,
        pill: back.getBoundingClientRect().left,
      };
    });
    assert.ok(ltr.link <= ltr.text + 1 && ltr.pill > ltr.mid, JSON.stringify(ltr));
  });
});

test('对照 English + العربية: each column in its own direction, English on the start side, partners top-aligned; one column at 375 px', async () => {
  for (const width of [1280, 375]) {
    await withPage({ viewport: { width, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/?article=${SLUG}&lang=en%2Bar`);
      await page.locator(`${LIVE} [data-col="2"][lang="ar"]`).first().waitFor();
      const all = await page.locator(`${LIVE} .lc-article__body > .lc-block`).evaluateAll((blocks) =>
        blocks.map((b) => {
          const r = b.getBoundingClientRect();
          return { id: b.dataset.blockId, lang: b.lang, dir: getComputedStyle(b.querySelector('p')).direction, top: r.top, bottom: r.bottom, left: r.left };
        }),
      );
      assert.deepEqual(
        all.map((b) => `${b.id} ${b.lang} ${b.dir}`),
        ['p1 en ltr', 'p1 ar rtl', 'p2 en ltr', 'p2 ar rtl', 'p3 en ltr', 'p3 ar rtl'],
      );
      const [p1en, p1ar] = all;
      if (width === 1280) {
        assert.ok(Math.abs(p1en.top - p1ar.top) < 1, JSON.stringify(all));
        assert.ok(p1ar.left > p1en.left + 300, `English on the left (the UI's start): ${JSON.stringify(all)}`);
      } else {
        assert.ok(p1ar.top >= p1en.bottom && Math.abs(p1ar.left - p1en.left) < 20, JSON.stringify(all));
      }
      const title2 = page.locator(`${LIVE} .lc-article__title2`);
      assert.equal(await title2.evaluate((t) => getComputedStyle(t).direction), 'rtl');
    });
  }
});

test('the UI in each shipped catalog, with no key name on screen', async () => {
  assert.ok(Object.keys(CATALOGS).length >= 12, Object.keys(CATALOGS).join(' '));
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    for (const [tag, catalog] of Object.entries(CATALOGS)) {
      await page.goto(embedUrl('div', `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="en" data-lectern-ui-lang="${tag}"`));
      const scope = `#w1 >> ${LIVE}`;
      await page.locator(`${scope} .lc-settings__toggle`).getByText(catalog.settings).waitFor();
      const seen = await page.locator(`#w1 >> ${LIVE}`).evaluate((root) => {
        root.querySelector('.lc-settings__toggle').click();
        return new Promise((done) => requestAnimationFrame(() => done({
          lang: root.lang,
          dir: getComputedStyle(root.querySelector('.lc-tools')).direction,
          text: root.innerText,
          labels: [...root.querySelectorAll('[aria-label]')].map((e) => e.getAttribute('aria-label')),
          nav: root.querySelector('nav.lc-lang').getAttribute('aria-label'),
          back: root.querySelector('.lc-back-to-top').textContent,
          tools: root.querySelector('.lc-tools').lang,
        })));
      });
      assert.equal(seen.lang, tag);
      assert.equal(seen.nav, catalog.language, tag);
      assert.match(seen.back, new RegExp(catalog.back_to_top.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), tag);
      assert.ok(seen.text.includes(catalog.theme_sepia), `${tag}: the open settings panel says ${catalog.theme_sepia}`);
      // English content, another UI language: the chrome says which it is.
      if (tag !== 'en') assert.equal(seen.tools, tag);
      assert.equal(seen.dir, ['ar', 'fa', 'he'].includes(tag) ? 'rtl' : 'ltr', tag);
      // A key's name never shows: not as a label, and no key of two words
      // or more (plain words like "language" are in the English article).
      for (const key of KEYS) {
        assert.ok(!seen.labels.includes(key), `${tag} labels something ${key}`);
        if (key.includes('_')) assert.ok(!seen.text.includes(key), `${tag} shows the key ${key}`);
      }
    }
  });
});

test('a host brings a catalog for a 13th language (data-lectern-strings), fetched through the fence; missing keys read in English', async () => {
  for (const form of ['div', 'element']) {
    await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
      await page.goto(embedUrl(form, `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="en" data-lectern-ui-lang="th" data-lectern-strings="/strings/th.json"`));
      const scope = `#w1 >> ${LIVE}`;
      await page.locator(`${scope} .lc-settings__toggle`).getByText(THAI.settings).waitFor();
      assert.equal(await page.locator(`${scope} nav.lc-lang`).getAttribute('aria-label'), THAI.language);
      // Not in the host's catalog: English, never the key's name.
      assert.equal(await page.locator(`${scope} .lc-bio__toggle`).textContent(), CATALOGS.en.about_the_author);
      assert.equal(await page.locator(`#w1 >> ${LIVE}`).getAttribute('lang'), 'th');
    });
  }
});

test('reading time for Thai counts the words Intl.Segmenter finds', async () => {
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(embedUrl('div', 'data-lectern-src="/thai/th.json"'));
    const scope = `#w1 >> ${LIVE}`;
    await page.locator(`${scope} .lc-article__title`).getByText(THAI_ARTICLE.title).waitFor();
    const shown = await page.locator(`${scope} .lc-article__reading-time`).textContent();
    const expected = await page.evaluate((article) => {
      const segmenter = new Intl.Segmenter('th', { granularity: 'word' });
      const text = article.body.map((b) => b.text).join(' ');
      const words = [...segmenter.segment(text)].filter((s) => s.isWordLike).length;
      return { words, runs: text.split(' ').length, range: `${Math.ceil(words / 250)}–${Math.ceil(words / 200)}` };
    }, THAI_ARTICLE);
    // Far more words than space-separated runs (which would read 1 minute).
    assert.ok(expected.words > 3 * expected.runs, JSON.stringify(expected));
    assert.ok(shown.includes(expected.range), `${shown} (expected ${expected.range}: ${expected.words} words)`);
  });
});

test("lectern.js's own messages come from the catalogs too: no address for the article, in Arabic", async () => {
  const { context, page } = await pageWithErrorLog(browser);
  try {
    await page.goto(embedUrl('div', 'data-lectern-src="" data-lectern-lang="ar"'));
    const alert = page.locator('#w1 >> [role=alert]');
    await alert.getByText(AR.no_src).waitFor();
    assert.equal(await alert.getAttribute('lang'), 'ar');
    assert.equal(await alert.evaluate((a) => getComputedStyle(a).direction), 'rtl');
  } finally {
    await context.close();
  }
});
