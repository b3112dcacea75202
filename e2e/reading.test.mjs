// Reading across languages (reading.md), on the release build in headless
// Chromium: 对照 in both layouts, links to a paragraph in the standalone page
// and in embeds, the reader's own settings, forced colours and print.
// (Published pages: e2e/publish.test.mjs.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EN, HANS, HANT, launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
const SLUG = 'china-opportunity-to-lead-on-north-korea';
const DIPLOMACY = 'diplomacy-between-languages';
const LIVE = '.lectern:not([id^="lectern-ssr"])';

/** Embed pages made for these tests: `widgets` are element attributes. */
function embedPage(widgets, style = '') {
  const elements = widgets
    .map((attrs, i) => `<section><h2>Widget ${i + 1}</h2><div id="w${i + 1}" ${attrs}></div></section>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Host</title>
<link rel="icon" href="data:,"><style>${style}</style>
<script type="module" src="/assets/lectern/lectern.js"></script></head>
<body><main><h1>Host page</h1>${elements}<p style="height:150vh">The host's end.</p></main></body></html>`;
}

const EMBEDS = {
  '/embed/two.html': embedPage([
    `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="en"`,
    `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="zh-Hant"`,
  ]),
  '/embed/pair.html': embedPage([`data-lectern-src="/content/${DIPLOMACY}/en.json" data-lectern-lang="en+zh-Hans"`]),
  // A host that sets its own defaults: they hold until the reader chooses.
  '/embed/themed.html': embedPage(
    [`data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="en"`],
    '#w1 { --lectern-bg: #fff8e1; --lectern-font-body: "Comic Sans MS", cursive; }',
  ),
  '/embed/nostorage.html': embedPage([
    `data-lectern-src="/content/${SLUG}/en.json" data-lectern-lang="en" data-lectern-storage="off"`,
  ]),
};

let site;
let browser;
before(async () => {
  site = await serveSite(
    { '/assets/lectern/': root('dist'), '/content/': root('content'), '/': root('dist') },
    {
      handle: (req, res) => {
        const page = EMBEDS[new URL(req.url, 'http://x').pathname];
        if (!page) return false;
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(page);
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

/** Runs `body` with a fresh page; fails on console errors unless `allowErrors`. */
async function withPage(options, body, { allowErrors = false } = {}) {
  const { context, page, errors } = await pageWithErrorLog(browser, options);
  try {
    await body(page, context);
    if (!allowErrors) assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

/** Every body block: its id, lang, column and box. */
const blocks = (page, scope = LIVE) =>
  page.locator(`${scope} .lc-article__body > .lc-block`).evaluateAll((all) =>
    all.map((b) => {
      const r = b.getBoundingClientRect();
      return { id: b.dataset.blockId, lang: b.lang, col: b.dataset.col, top: r.top, bottom: r.bottom, left: r.left };
    }),
  );

test('对照 pairs blocks by id: two columns at 1280 px, interleaved at 375 px, the extra 简体 paragraph alone', async () => {
  for (const width of [1280, 375]) {
    await withPage({ viewport: { width, height: 900 } }, async (page) => {
      await page.goto(`${site.origin}/?article=${DIPLOMACY}&lang=en%2Bzh-Hans`);
      await page.locator(`${LIVE} [data-col="2"]`).first().waitFor();
      const all = await blocks(page);
      assert.deepEqual(
        all.map((b) => `${b.id} ${b.lang} ${b.col}`),
        ['p1 en 1', 'p1 zh-Hans 2', 'p2 en 1', 'p2 zh-Hans 2', 'p2a zh-Hans 2', 'p3 en 1', 'p3 zh-Hans 2'],
      );
      const [p1en, p1zh, , p2zh, p2a, p3en, p3zh] = all;
      if (width === 1280) {
        // Partners top-aligned, side by side; the lone paragraph in its
        // language's column, on a row of its own.
        assert.ok(Math.abs(p1en.top - p1zh.top) < 1 && p1zh.left > p1en.left + 300, JSON.stringify([p1en, p1zh]));
        assert.ok(Math.abs(p3en.top - p3zh.top) < 1);
        assert.equal(p2a.left, p1zh.left);
        assert.ok(p2a.top >= p2zh.bottom && p3en.top >= p2a.bottom);
        // The pair is free of the single column's width.
        const width = await page.locator(`${LIVE} .lc-article`).evaluate((a) => a.getBoundingClientRect().width);
        assert.ok(width > 1000, `the pair spans the page: ${width}`);
      } else {
        // One column: each 简体 block right under its English partner.
        assert.ok(p1zh.top >= p1en.bottom && p1zh.top - p1en.bottom < 40);
        assert.ok(Math.abs(p1zh.left - p1en.left) < 20);
      }
      // Title, dek and category in both languages, each with its lang.
      const title = page.locator(`${LIVE} article h1`);
      assert.match(await title.textContent(), /Diplomacy Between Languages.*语言之间的外交/s);
      assert.equal(await title.locator('[lang="zh-Hans"]').count(), 1);
      assert.equal(await page.locator(`${LIVE} .lc-article__dek`).count(), 2);
      assert.equal(await page.locator(`${LIVE} .lc-article__category[lang="zh-Hans"]`).count(), 1);
      // The selector shows the pair as the current choice; the address says it.
      assert.equal(
        await page.locator(`${LIVE} .lc-lang__choice[aria-current="true"]`).textContent(),
        'English\u00a0+\u00a0简体',
      );
      assert.equal(new URL(page.url()).searchParams.get('lang'), 'en+zh-Hans');
    });
  }
});

test('entering and leaving 对照 keeps the passage in view, and 繁體 pairs as well', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).getByText(EN).waitFor();
    const atTop = (id) =>
      page.waitForFunction((id) => {
        const b = document.querySelector(`.lc-article__body [data-block-id="${id}"]`);
        const top = b?.getBoundingClientRect().top;
        return top !== undefined && top > -60 && top < 120;
      }, id);
    await page.locator('[data-block-id=p6]').evaluate((p) => p.scrollIntoView({ block: 'start', behavior: 'instant' }));
    // Clicked where it is, as a keyboard or a script does.
    await page.getByRole('link', { name: 'English + 繁體' }).evaluate((a) => a.click());
    await page.locator(`${LIVE} [data-col="2"][lang="zh-Hant"]`).first().waitFor();
    await atTop('p6');
    assert.match(await page.locator(`${LIVE} article h1`).textContent(), new RegExp(HANT));
    await page.getByRole('link', { name: 'English', exact: true }).evaluate((a) => a.click());
    await page.waitForFunction(() => !document.querySelector('[data-col]'));
    await atTop('p6');
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'en');
  });
});

test('a failed second half keeps the first language on screen, with the alert and Retry', async () => {
  await withPage({}, async (page) => {
    let fail = true;
    await page.route(`**/content/${SLUG}/zh-Hans.json`, (route) =>
      fail ? route.fulfill({ status: 503, body: 'down' }) : route.fallback(),
    );
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).getByText(EN).waitFor();
    await page.getByRole('link', { name: 'English + 简体' }).click();
    const alert = page.locator(`${LIVE} article [role=alert]`);
    await alert.waitFor();
    assert.match(await alert.textContent(), /HTTP 503/);
    assert.equal(await page.locator(`${LIVE} [data-col]`).count(), 0);
    assert.match(await page.locator(`${LIVE} article h1`).textContent(), new RegExp(EN));
    fail = false;
    await alert.getByRole('button', { name: 'Retry' }).click();
    await page.locator(`${LIVE} [data-col="2"][lang="zh-Hans"]`).first().waitFor();
    assert.equal(await alert.count(), 0);
  }, { allowErrors: true });
});

test('a pair in data-lectern-lang and in setLanguage(), in an embed', async () => {
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    await page.goto(`${site.origin}/embed/pair.html`);
    await page.locator('#w1 [data-block-id="p2a"][data-col="2"]').waitFor();
    await page.goto(`${site.origin}/embed/two.html`);
    await page.locator('#w2 h2.lc-article__title').getByText(HANT).waitFor();
    const handle = await page.evaluate(() => {
      window.h = window.Lectern.mount(document.querySelector('#w1'), { src: document.querySelector('#w1').dataset.lecternSrc });
      window.h.setLanguage('zh-Hans en');
    });
    assert.equal(handle, undefined);
    await page.locator('#w1 [data-col="2"][lang="en"]').first().waitFor();
    assert.match(await page.locator('#w1 h2.lc-article__title').textContent(), new RegExp(`${HANS}.*${EN}`));
  });
});

test('a link to a paragraph, opened in a fresh page, scrolls to it and marks it, across 繁體 and into 对照', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/?lang=en#lectern-${SLUG}-p7`);
    const marked = page.locator(`${LIVE} [aria-current="location"]`);
    await marked.first().waitFor();
    assert.deepEqual(await marked.evaluateAll((all) => all.map((b) => b.dataset.blockId)), ['p7']);
    await page.waitForFunction(() => {
      const top = document.querySelector('[data-block-id=p7]').getBoundingClientRect().top;
      return top >= 0 && top < 40;
    });
    // A visible mark: an outline and a background of its own.
    const style = await marked.evaluate((b) => getComputedStyle(b));
    assert.notEqual(await marked.evaluate((b) => getComputedStyle(b).outlineStyle), 'none');
    assert.ok(style);
    // Kept across a switch to 繁體, and into 对照 (both partners marked).
    await page.getByRole('link', { name: '繁體', exact: true }).evaluate((a) => a.click());
    await page.locator(`${LIVE} article h1`).getByText(HANT).waitFor();
    assert.deepEqual(await marked.evaluateAll((all) => all.map((b) => `${b.dataset.blockId}`)), ['p7']);
    await page.goto(`${site.origin}/?lang=en%2Bzh-Hans#lectern-${SLUG}-p7`);
    await page.locator(`${LIVE} [data-col="2"]`).first().waitFor();
    await page.waitForFunction(() => document.querySelectorAll('[aria-current="location"]').length === 2);
    assert.deepEqual(await marked.evaluateAll((all) => all.map((b) => `${b.dataset.blockId} ${b.lang}`)), ['p7 en', 'p7 zh-Hans']);
    // A hashchange targets another paragraph.
    await page.evaluate((slug) => { location.hash = `#lectern-${slug}-p2`; }, SLUG);
    await page.waitForFunction(() => [...document.querySelectorAll('[aria-current="location"]')].every((b) => b.dataset.blockId === 'p2'));
  });
});

test('activating a paragraph link copies the URL and says so; the standalone address follows, an embed host\'s never', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page, context) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: site.origin });
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).getByText(EN).waitFor();
    const p3 = page.locator(`${LIVE} [data-block-id=p3]`);
    await p3.hover();
    const link = p3.locator('.lc-block__link');
    assert.equal(await link.getAttribute('aria-label'), 'Link to this paragraph');
    assert.equal(await link.evaluate((a) => getComputedStyle(a).opacity), '1', 'visible on hover');
    await page.evaluate(() => (window.notReloaded = true));
    await link.click();
    const url = `${site.origin}/?lang=en#lectern-${SLUG}-p3`;
    await page.locator(`${LIVE} [role=status]`).getByText('Link copied').waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), url);
    assert.equal(page.url(), url);
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.equal(await p3.getAttribute('aria-current'), 'location');
    // In an embed: copied, marked, and the host's URL untouched.
    await page.goto(`${site.origin}/embed/two.html`);
    const w1p3 = page.locator('#w1 [data-block-id=p3]');
    await w1p3.waitFor();
    await w1p3.hover();
    await w1p3.locator('.lc-block__link').click();
    await page.locator('#w1 [role=status]').getByText('Link copied').waitFor();
    assert.equal(page.url(), `${site.origin}/embed/two.html`);
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), `${site.origin}/embed/two.html#lectern-${SLUG}-p3`);
  });
});

test('in an embed, a fragment is handled by the widget: two widgets of one article both mark it, the first scrolls', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/embed/two.html#lectern-${SLUG}-p5`);
    await page.locator('#w1 [data-block-id=p5][aria-current="location"]').waitFor();
    await page.locator('#w2 [data-block-id=p5][aria-current="location"]').waitFor();
    await page.waitForFunction(() => {
      const top = document.querySelector('#w1').shadowRoot.querySelector('[data-block-id=p5]').getBoundingClientRect().top;
      return top >= 0 && top < 40;
    });
    // Element ids stay unique on the page: each widget's are its own.
    const ids = await page.evaluate(() =>
      [document, document.querySelector('#w1').shadowRoot, document.querySelector('#w2').shadowRoot]
        .flatMap((r) => [...r.querySelectorAll('[id]')].map((e) => e.id)),
    );
    assert.equal(new Set(ids).size, ids.length, ids.join(' '));
  });
});

test('settings: the panel opens, applies at once to every widget, closes with Escape, and persists across a reload', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/embed/two.html`);
    await page.locator('#w2 h2.lc-article__title').getByText(HANT).waitFor();
    const toggle = page.locator('#w1 .lc-settings__toggle');
    assert.equal(await toggle.getAttribute('aria-expanded'), 'false');
    // A closed panel holds no radios: nothing of it to check and hydrate
    // when a widget goes live.
    assert.equal(await page.locator('#w1 .lc-settings__panel input').count(), 0);
    await toggle.click();
    assert.equal(await toggle.getAttribute('aria-expanded'), 'true');
    const panel = page.locator('#w1 .lc-settings__panel');
    assert.equal(await panel.isVisible(), true);
    // Radio groups with visible labels; the middle size by default.
    assert.equal(await panel.getByRole('radio', { name: 'Medium' }).isChecked(), true);
    assert.equal(await panel.getByRole('radio', { name: 'Auto' }).isChecked(), true);
    const bodySize = (id) => page.locator(`#${id} .lc-block p`).first().evaluate((p) => parseFloat(getComputedStyle(p).fontSize));
    const before = await bodySize('w2');
    await panel.getByRole('radio', { name: 'Largest' }).check();
    await panel.getByRole('radio', { name: 'Sans-serif' }).check();
    await panel.getByRole('radio', { name: 'Sepia' }).check();
    // Both widgets, at once.
    for (const id of ['w1', 'w2']) {
      const widget = page.locator(`#${id} .lectern`);
      assert.equal(await widget.getAttribute('data-theme'), 'sepia');
      assert.equal(await widget.getAttribute('data-font'), 'sans');
      assert.equal(await widget.getAttribute('data-size'), '5');
    }
    assert.ok((await bodySize('w2')) > before * 1.2);
    assert.equal(await page.locator('#w2 .lectern').evaluate((w) => getComputedStyle(w).backgroundColor), 'rgb(244, 236, 216)');
    assert.match(await page.locator('#w2 .lc-block p').first().evaluate((p) => getComputedStyle(p).fontFamily), /PingFang|Sans/);
    // The other widget's panel shows the same choices.
    await page.locator('#w2 .lc-settings__toggle').click();
    assert.equal(await page.locator('#w2 .lc-settings__panel').getByRole('radio', { name: '米黃' }).isChecked(), true);
    // Escape closes the panel and gives focus back to its button.
    await panel.getByRole('radio', { name: 'Sepia' }).focus();
    await page.keyboard.press('Escape');
    assert.equal(await panel.isVisible(), false);
    assert.equal(await page.evaluate(() => document.querySelector('#w1').shadowRoot.activeElement?.className), 'lc-settings__toggle');
    assert.equal(await page.evaluate(() => localStorage.getItem('lectern:settings')), '{"size":5,"font":"sans","theme":"sepia"}');
    // After a reload, on this page and on the standalone page.
    await page.reload();
    await page.locator('#w1 .lectern[data-theme="sepia"][data-size="5"][data-font="sans"]').waitFor();
    await page.goto(`${site.origin}/`);
    await page.locator(`${LIVE}[data-theme="sepia"]`).waitFor();
  });
});

test("a host's defaults hold until the reader chooses, then the reader's choice wins", async () => {
  await withPage({}, async (page) => {
    await page.goto(`${site.origin}/embed/themed.html`);
    const widget = page.locator('#w1 .lectern');
    await page.locator('#w1 h2.lc-article__title').getByText(EN).waitFor();
    const bg = () => widget.evaluate((w) => getComputedStyle(w).backgroundColor);
    const font = () => page.locator('#w1 .lc-block p').first().evaluate((p) => getComputedStyle(p).fontFamily);
    assert.equal(await bg(), 'rgb(255, 248, 225)');
    assert.match(await font(), /Comic Sans/);
    await page.locator('#w1 .lc-settings__toggle').click();
    await page.locator('#w1').getByRole('radio', { name: 'Dark' }).check();
    await page.locator('#w1').getByRole('radio', { name: 'Serif', exact: true }).check();
    assert.equal(await bg(), 'rgb(20, 20, 24)');
    assert.match(await font(), /^Georgia/);
    // Light is the host's own colours again.
    await page.locator('#w1').getByRole('radio', { name: 'Light' }).check();
    assert.equal(await bg(), 'rgb(255, 248, 225)');
  });
});

test('with data-lectern-storage="off" settings apply but are not kept', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${site.origin}/embed/nostorage.html`);
    await page.locator('#w1 h2.lc-article__title').getByText(EN).waitFor();
    await page.locator('#w1 .lc-settings__toggle').click();
    await page.locator('#w1').getByRole('radio', { name: 'Dark' }).check();
    assert.equal(await page.locator('#w1 .lectern').getAttribute('data-theme'), 'dark');
    assert.equal(await page.evaluate(() => localStorage.getItem('lectern:settings')), null);
  });
});

test('forced colours: the current language, the checked settings and the target show by more than weight', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.emulateMedia({ forcedColors: 'active' });
    await page.goto(`${site.origin}/?lang=en#lectern-${SLUG}-p2`);
    await page.locator(`${LIVE} [aria-current="location"]`).waitFor();
    // Everything but weight, of one element.
    const look = (locator) =>
      locator.evaluate((e) => {
        const s = getComputedStyle(e);
        return [s.outlineStyle, s.outlineWidth, s.borderTopWidth, s.borderTopStyle].join(' ');
      });
    const current = page.locator(`${LIVE} .lc-lang__choice[aria-current="true"]`);
    const other = page.getByRole('link', { name: '简体', exact: true });
    assert.notEqual(await look(current), await look(other));
    await page.locator(`${LIVE} .lc-settings__toggle`).click();
    const checked = page.locator(`${LIVE} .lc-settings__choice`, { has: page.locator(':checked') }).first();
    const unchecked = page.locator(`${LIVE} .lc-settings__choice`, { hasNot: page.locator(':checked') }).first();
    assert.notEqual(await look(checked), await look(unchecked));
    assert.notEqual(await look(page.locator(`${LIVE} [aria-current="location"]`)), await look(page.locator(`${LIVE} [data-block-id=p3]`)));
  });
});

test('print: the article in the chosen pair, without controls, its links readable', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/?lang=en%2Bzh-Hans`);
    await page.locator(`${LIVE} [data-col="2"]`).first().waitFor();
    await page.emulateMedia({ media: 'print' });
    for (const control of ['.lc-lang', '.lc-settings', '.lc-block__link', '.lc-back-to-top', '.lc-related', '.lc-bio__toggle']) {
      const shown = await page.locator(`${LIVE} ${control}`).evaluateAll((all) => all.filter((e) => getComputedStyle(e).display !== 'none').length);
      assert.equal(shown, 0, control);
    }
    assert.ok((await page.locator(`${LIVE} [data-col="2"]`).count()) > 5, 'the pair prints');
    assert.equal(await page.locator(`${LIVE}`).evaluate((w) => getComputedStyle(w).color), 'rgb(0, 0, 0)');
  });
});
