// Accessibility you can prove, on the release build in headless Chromium:
// axe-core's WCAG 2.x A and AA rules (2.2 included) in every language, light
// and dark, at 375 and 1280 px, bio open and closed, on the standalone page
// and the embed host page; a keyboard-only walk; semantics; 320 px reflow;
// reduced motion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { FORMS, inForm, launchBrowser, pageWithErrorLog, serveSite } from './support.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
const WCAG = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const root = (path) => new URL(`../${path}`, import.meta.url).pathname;
// What the 320 px test saw, to look at (not the README's: scripts/screenshots.mjs
// takes those, so that running the tests leaves the tracked files alone).
const SCREENSHOTS = root('target/screenshots');
await mkdir(SCREENSHOTS, { recursive: true });
// The live widget, not the standalone page's pre-rendered article ([id^="lectern-ssr"]).
const LIVE = '.lectern:not([id^="lectern-ssr"])';

let site;
/** The host page with <lectern-article> elements. */
let elementSite;
let browser;
before(async () => {
  site = await serveSite({
    '/assets/lectern/': root('dist'),
    '/host/': root('examples/host'),
    '/content/': root('content'),
    '/': root('dist'),
  }, {
    // The host page names Lectern at /assets/lectern/ and its content at
    // /content/; `?form=lectern-article` gives it with the custom element.
    rewriteHtml: (html) => html,
  });
  elementSite = await serveSite({
    '/assets/lectern/': root('dist'),
    '/host/': root('examples/host'),
    '/content/': root('content'),
  }, { rewriteHtml: (html) => inForm(html, 'lectern-article') });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await site?.close();
  await elementSite?.close();
});

/** Runs axe on `context` (a selector list, or the document) and returns its violations, readable. */
async function axe(page, include) {
  await page.evaluate(AXE);
  const results = await page.evaluate(
    ([tags, include]) =>
      window.axe.run(include ? { include } : document, { runOnly: { type: 'tag', values: tags } }),
    [WCAG, include ?? null],
  );
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => JSON.stringify(n.target)).join(', ')})`);
}

async function withPage(options, body) {
  const { context, page, errors } = await pageWithErrorLog(browser, options);
  try {
    await body(page, errors);
  } finally {
    await context.close();
  }
}

const TITLES = {
  en: 'China’s Opportunity to Lead on North Korea',
  'zh-Hans': '中国在朝鲜问题上发挥领导作用的机遇',
  'zh-Hant': '中國在朝鮮問題上發揮領導作用的機遇',
};

for (const lang of Object.keys(TITLES)) {
  test(`axe finds no WCAG A/AA violation on the standalone page in ${lang}`, async () => {
    const failures = [];
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [375, 1280]) {
        await withPage({ colorScheme, viewport: { width, height: 800 } }, async (page) => {
          await page.goto(`${site.origin}/?lang=${lang}`);
          await page.locator(`${LIVE} article h1`).getByText(TITLES[lang]).waitFor();
          await page.locator('.lc-article__meta time').first().waitFor();
          for (const bio of ['closed', 'open']) {
            if (bio === 'open') {
              await page.locator('.lc-bio__toggle').click();
              await page.locator('.lc-bio__panel').waitFor();
            }
            for (const v of await axe(page)) failures.push(`${colorScheme} ${width}px bio ${bio}: ${v}`);
          }
        });
      }
    }
    assert.deepEqual(failures, []);
  });
}

for (const lang of Object.keys(TITLES)) {
  test(`axe finds no WCAG A/AA violation in the reading views in ${lang}: every theme, 对照 in both layouts, settings open, a targeted paragraph, 320 px`, async () => {
    const failures = [];
    const pair = lang === 'en' ? 'en%2Bzh-Hans' : `${lang}%2Ben`;
    for (const theme of ['light', 'sepia', 'dark', 'auto-dark']) {
      for (const [width, view] of [[320, 'single'], [375, 'pair'], [1280, 'pair']]) {
        const colorScheme = theme === 'auto-dark' ? 'dark' : 'light';
        await withPage({ colorScheme, viewport: { width, height: 800 } }, async (page) => {
          await page.addInitScript((theme) => {
            if (theme !== 'auto-dark') localStorage.setItem('lectern:settings', JSON.stringify({ theme }));
          }, theme);
          const query = view === 'pair' ? pair : lang;
          await page.goto(`${site.origin}/?lang=${query}#lectern-china-opportunity-to-lead-on-north-korea-p2`);
          await page.locator(`${LIVE} [aria-current="location"]`).first().waitFor();
          if (view === 'pair') await page.locator(`${LIVE} [data-col="2"]`).first().waitFor();
          await page.locator(`${LIVE} .lc-settings__toggle`).click();
          await page.locator(`${LIVE} .lc-settings__panel`).waitFor();
          for (const v of await axe(page)) failures.push(`${theme} ${width}px ${view}: ${v}`);
        });
      }
    }
    assert.deepEqual(failures, []);
  });
}

test('the axe check can fail: an image without alt text in the article is a violation', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).waitFor();
    await page.evaluate(() => document.querySelector('.lc-body__p').append(document.createElement('img')));
    const violations = await axe(page);
    assert.ok(violations.some((v) => v.startsWith('image-alt')), JSON.stringify(violations));
  });
});

for (const form of FORMS) {
  test(`axe finds no WCAG A/AA violation in the widgets on the embed host page [${form}]`, async () => {
    const failures = [];
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [375, 1280]) {
        await withPage({ colorScheme, viewport: { width, height: 800 } }, async (page) => {
          await page.goto(`${(form === 'lectern-article' ? elementSite : site).origin}/host/`);
          await page.locator('#widget-en h2.lc-article__title').waitFor();
          await page.locator('#widget-zh h2.lc-article__title').waitFor();
          // The host page's own content is the host's; axe checks our widgets.
          const widgets = [['#widget-en'], ['#widget-zh'], ['#widget-missing']];
          for (const bio of ['closed', 'open']) {
            if (bio === 'open') {
              await page.locator('#widget-en .lc-bio__toggle').click();
              await page.locator('#widget-zh .lc-bio__toggle').click();
            }
            for (const v of await axe(page, widgets)) failures.push(`${colorScheme} ${width}px bio ${bio}: ${v}`);
          }
        });
      }
    }
    assert.deepEqual(failures, []);
  });
}

/** Describes the element that has focus, looking inside shadow roots. */
function focusedInfo(page) {
  return page.evaluate(() => {
    let el = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
      tag: el.tagName.toLowerCase(),
      cls: el.className,
      text: el.textContent.trim().slice(0, 60),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
    };
  });
}

test('keyboard only: Tab reaches every control and link with visible focus; back-to-top, language and Escape behave', async () => {
  await withPage({ viewport: { width: 1280, height: 800 } }, async (page) => {
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).getByText(TITLES.en).waitFor();
    // The widget has taken the pre-rendered article's place (its dates are formatted).
    await page.locator('.lc-article__meta time', { hasText: 'Apr 4, 2018' }).waitFor();
    const seen = [];
    for (let i = 0; i < 40; i += 1) {
      await page.keyboard.press('Tab');
      const info = await focusedInfo(page);
      if (!info) break;
      seen.push(info);
      assert.ok(info.outline, `focus is visible on ${JSON.stringify(info)}`);
      if (info.cls.includes('lc-back-to-top')) break;
    }
    const texts = seen.map((s) => s.text);
    for (const expected of ['English', '简体', '繁體', 'About the author']) {
      assert.ok(texts.includes(expected), `Tab reaches ${expected}: ${JSON.stringify(texts)}`);
    }
    const teasers = seen.filter((s) => s.cls.includes('lc-teaser__link'));
    assert.equal(teasers.length, 4, JSON.stringify(texts));
    assert.ok(seen.at(-1).cls.includes('lc-back-to-top'), `Tab reaches back-to-top last: ${JSON.stringify(texts)}`);

    // Back-to-top by keyboard moves focus to the title.
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.matches('article h1'));

    // A language switch by keyboard keeps focus on the language control.
    await page.locator('a[lang="zh-Hans"]').focus();
    await page.keyboard.press('Enter');
    await page.locator('article h1').getByText(TITLES['zh-Hans']).waitFor();
    assert.equal((await focusedInfo(page)).text, '简体');

    // The bio opens with the keyboard and Escape closes it, focus back on its button.
    await page.locator('.lc-bio__toggle').focus();
    await page.keyboard.press('Enter');
    await page.locator('.lc-bio__panel').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('.lc-bio__panel').waitFor({ state: 'hidden' });
    assert.equal((await focusedInfo(page)).cls, 'lc-bio__toggle');
  });
});

test('semantics: a labelled article, a labelled language nav, a labelled related list, headings in order', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${site.origin}/?lang=en`);
    await page.locator(`${LIVE} article h1`).getByText(TITLES.en).waitFor();
    assert.equal(await page.getByRole('article', { name: TITLES.en }).count(), 1);
    assert.equal(await page.getByRole('navigation', { name: 'Language' }).count(), 1);
    const related = page.getByRole('region', { name: 'You might also like' });
    assert.equal(await related.count(), 1);
    assert.equal(await related.getByRole('listitem').count(), 4);
    assert.equal(await page.getByRole('button', { name: 'About the author', expanded: false }).count(), 1);
    const levels = await page.evaluate(() =>
      [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.tagName[1])),
    );
    assert.equal(levels[0], 1);
    levels.reduce((prev, level) => {
      assert.ok(level <= prev + 1, `heading levels skip: ${levels}`);
      return level;
    });
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  });
  await withPage({}, async (page) => {
    await page.goto(`${site.origin}/host/`);
    await page.locator('#widget-en h2.lc-article__title').waitFor();
    assert.equal(await page.locator('#widget-en h1, #widget-zh h1').count(), 0, 'no h1 in an embed');
  });
});

/** What breaks reflow on `page`: sideways scrolling, an element past either
 * edge (left to right or right to left), clipped content, controls that
 * overlap. */
const reflowProblems = (page) =>
  page.evaluate(() => {
    const problems = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > doc.clientWidth) problems.push(`page scrolls sideways: ${doc.scrollWidth} > ${doc.clientWidth}`);
    for (const el of document.querySelectorAll('.lectern *')) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || getComputedStyle(el).position === 'absolute') continue;
      if (r.right > doc.clientWidth + 0.5 || r.left < -0.5) problems.push(`${el.className || el.tagName} spans ${r.left}..${r.right}`);
      if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible') {
        problems.push(`${el.className || el.tagName} clips its content`);
      }
    }
    const boxes = [...document.querySelectorAll('.lc-lang__choice, .lc-bio__toggle, .lc-teaser')].map((e) => e.getBoundingClientRect());
    for (let i = 0; i < boxes.length; i += 1) {
      for (let j = i + 1; j < boxes.length; j += 1) {
        const [a, b] = [boxes[i], boxes[j]];
        if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) problems.push(`controls ${i} and ${j} overlap`);
      }
    }
    return problems;
  });

test('at 320 CSS px (400% zoom) nothing scrolls sideways, is clipped or overlaps', async () => {
  for (const lang of Object.keys(TITLES)) {
    await withPage({ viewport: { width: 320, height: 640 } }, async (page) => {
      await page.goto(`${site.origin}/?lang=${lang}`);
      await page.locator(`${LIVE} article h1`).getByText(TITLES[lang]).waitFor();
      await page.locator('.lc-bio__toggle').click();
      assert.deepEqual(await reflowProblems(page), []);
      await page.evaluate(() => window.scrollTo(0, 0));
      await page.screenshot({ path: `${SCREENSHOTS}/${lang}-320.png`, fullPage: false });
    });
  }
});

test('right to left: axe finds no violation in Arabic (the UI too, bio and settings open), 对照 English + العربية, and at 320 px nothing scrolls sideways', async () => {
  const failures = [];
  const views = [
    [1280, 'ar', true],
    [375, 'ar', true],
    [320, 'ar', false],
    [1280, 'en%2Bar', false],
    [375, 'en%2Bar', true],
  ];
  for (const [width, lang, open] of views) {
    await withPage({ viewport: { width, height: 800 } }, async (page, errors) => {
      await page.goto(`${site.origin}/?article=diplomacy-between-languages&lang=${lang}`);
      await page.locator(`${LIVE} article h1`).getByText('الدبلوماسية بين اللغات').waitFor();
      if (open) {
        await page.locator(`${LIVE} .lc-settings__toggle`).click();
        await page.locator(`${LIVE} .lc-bio__toggle`).click();
        await page.locator(`${LIVE} .lc-settings__panel input`).first().waitFor();
      }
      for (const v of await axe(page)) failures.push(`${lang} ${width}px: ${v}`);
      if (width === 320) {
        for (const problem of await reflowProblems(page)) failures.push(`${lang} 320px: ${problem}`);
        await page.screenshot({ path: `${SCREENSHOTS}/ar-320.png`, fullPage: false });
      }
      assert.deepEqual(errors, []);
    });
  }
  assert.deepEqual(failures, []);
});

test('with prefers-reduced-motion nothing animates; without it the skeleton pulses', async () => {
  const animationsWhileLoading = async (reducedMotion) => {
    let count = -1;
    await withPage({ reducedMotion }, async (page) => {
      let release;
      const held = new Promise((ok) => (release = ok));
      // Another article than the pre-rendered one (?article=), so the
      // skeleton shows while it loads.
      await page.route('**/content/china-opportunity-to-lead-on-north-korea/zh-Hans.json', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${site.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=zh-Hans`);
      await page.locator('.lc-skeleton').waitFor();
      count = await page.evaluate(() => document.getAnimations().length);
      release();
      await page.locator(`${LIVE} article h1`).waitFor();
      if (reducedMotion === 'reduce') {
        // Back-to-top jumps instead of scrolling smoothly.
        await page.locator('[data-block-id=p9]').scrollIntoViewIfNeeded();
        await page.locator('a.lc-back-to-top').click();
        const y = await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => ok(window.scrollY))));
        assert.equal(y, 0);
        assert.equal(await page.evaluate(() => document.getAnimations().length), 0);
      }
    });
    return count;
  };
  assert.equal(await animationsWhileLoading('reduce'), 0);
  assert.ok((await animationsWhileLoading('no-preference')) > 0, 'the check can see animations');
});
