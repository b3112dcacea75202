// The reader's flows on the release build, in headless Chromium: languages,
// history, and what happens when the network misbehaves.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { EN, HANS, HANT, SAMPLE, pageWithErrorLog, siteAndBrowser } from './support.mjs';


const held = siteAndBrowser({ before, after });

/** Runs `body` with a fresh page; fails on console errors unless `allowErrors`. */
async function withPage(options, body, { allowErrors = false } = {}) {
  const { context, page, errors } = await pageWithErrorLog(held.browser, options);
  try {
    await body(page);
    if (!allowErrors) assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
}

// The live widget's title: the standalone page's pre-rendered article ([id^="lectern-ssr"])
// shows first, and its controls answer only once the widget has taken over.
const title = (page) => page.locator('.lectern:not([id^="lectern-ssr"]) article h1');

test('switching language re-renders in place and the page follows: ?lang=, <html lang>, title', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(EN).waitFor();
    await page.evaluate(() => (window.notReloaded = true));
    await page.getByRole('link', { name: '简体', exact: true }).click();
    await title(page).getByText(HANS).waitFor();
    assert.equal(await page.evaluate(() => window.notReloaded), true);
    assert.equal(new URL(page.url()).searchParams.get('lang'), 'zh-Hans');
    assert.equal(await page.locator('html').getAttribute('lang'), 'zh-Hans');
    assert.equal(await page.title(), HANS);
    // The focus stays on the language control.
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), '简体');
    // A shared link opens the same version.
    await page.goto(`${held.server.origin}/?lang=zh-Hant`);
    await title(page).getByText(HANT).waitFor();
  });
});

test('a reader in Taiwan gets 繁體 first; one in Singapore 简体', async () => {
  await withPage({ locale: 'zh-TW' }, async (page) => {
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(HANT).waitFor();
    // In 繁體's words once its catalog, fetched beside the document, is here.
    await page.locator('.lc-lang__converted').getByText(/機器轉換/).waitFor();
  });
  await withPage({ locale: 'zh-SG' }, async (page) => {
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(HANS).waitFor();
  });
});

test('the stored choice survives a reload', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${held.server.origin}/`);
    await page.getByRole('link', { name: '繁體', exact: true }).click();
    await title(page).getByText(HANT).waitFor();
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(HANT).waitFor();
  });
});

test('a related article opens in place, focused, and browser Back returns', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(EN).waitFor();
    await page.getByRole('link', { name: 'Sanctions in Three Questions' }).click();
    await title(page).getByText('Sanctions in Three Questions').waitFor();
    assert.equal(new URL(page.url()).searchParams.get('article'), 'sanctions-in-three-questions');
    await page.waitForFunction(() => document.activeElement?.matches('article h1'));
    await page.goBack();
    await title(page).getByText(EN).waitFor();
    await page.goForward();
    await title(page).getByText('Sanctions in Three Questions').waitFor();
  });
});

test('a stale response never wins, whatever order responses arrive in', async () => {
  await withPage({}, async (page) => {
    // 简体 answers slowly, 繁體 at once: the reader's last choice must stay.
    await page.route(`${SAMPLE}zh-Hans.json`, async (route) => {
      await new Promise((ok) => setTimeout(ok, 1500));
      await route.continue().catch(() => {});
    });
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await title(page).getByText(EN).waitFor();
    await page.getByRole('link', { name: '简体', exact: true }).click();
    await page.getByRole('link', { name: '繁體', exact: true }).click();
    await title(page).getByText(HANT).waitFor();
    await page.waitForTimeout(2500);
    assert.equal((await title(page).textContent()).trim(), HANT);
  }, { allowErrors: true });
});

test('a server error says so and Retry recovers', async () => {
  await withPage({}, async (page) => {
    let fail = true;
    await page.route(`${SAMPLE}en.json`, (route) =>
      fail ? route.fulfill({ status: 503, body: 'busy' }) : route.continue(),
    );
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.textContent(), /server failed.*HTTP 503/);
    fail = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await title(page).getByText(EN).waitFor();
  }, { allowErrors: true });
});

test('a request that never answers times out after about 10 s, with Retry', async () => {
  await withPage({}, async (page) => {
    let hang = true;
    await page.route(`${SAMPLE}en.json`, (route) => (hang ? undefined : route.continue()));
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    const started = Date.now();
    const alert = page.getByRole('alert');
    await alert.waitFor({ timeout: 20_000 });
    const waited = Date.now() - started;
    assert.match(await alert.textContent(), /took too long/);
    assert.ok(waited > 8_000, `timed out after ${waited} ms`);
    hang = false;
    await page.getByRole('button', { name: 'Retry' }).click();
    await title(page).getByText(EN).waitFor();
  }, { allowErrors: true });
});

test('too large, not found and not an article each get their own message', async () => {
  const cases = [
    [{ status: 200, contentType: 'application/json', body: ' '.repeat(5 * 1024 * 1024 + 1) }, /too large/],
    [{ status: 404, body: 'nope' }, /could not be found/],
    [{ status: 200, contentType: 'text/html', body: '<html>login</html>' }, /^This is not an article Lectern can read\.$/],
  ];
  for (const [response, message] of cases) {
    await withPage({}, async (page) => {
      await page.route(`${SAMPLE}en.json`, (route) => route.fulfill(response));
      await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
      const alert = page.getByRole('alert');
      await alert.waitFor();
      assert.match(await alert.textContent(), message);
      assert.equal(await page.getByRole('button', { name: 'Retry' }).count(), 0);
    }, { allowErrors: true });
  }
});

test('the other versions are prefetched when idle, so a switch needs no request', async () => {
  await withPage({}, async (page) => {
    const requested = [];
    page.on('request', (req) => requested.push(new URL(req.url()).pathname));
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await title(page).getByText(EN).waitFor();
    // The versions, and the UI catalog each speaks.
    await page.waitForFunction(() =>
      ['/content/china-opportunity-to-lead-on-north-korea/zh-Hant.json', '/i18n/zh-Hans.json', '/i18n/zh-Hant.json'].every((path) =>
        performance.getEntriesByType('resource').some((e) => new URL(e.name).pathname.endsWith(path))));
    const before = requested.length;
    await page.getByRole('link', { name: '简体', exact: true }).click();
    await title(page).getByText(HANS).waitFor();
    assert.deepEqual(requested.slice(before).filter((p) => p.endsWith('.json')), []);
  });
});

test('blocked storage fails quietly: the reader still reads and switches', async () => {
  await withPage({}, async (page) => {
    await page.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('blocked', 'SecurityError');
        },
      });
    });
    await page.goto(`${held.server.origin}/`);
    await title(page).getByText(EN).waitFor();
    await page.getByRole('link', { name: '简体', exact: true }).click();
    await title(page).getByText(HANS).waitFor();
  });
});

test('teasers show image, category, date, title and dek', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await title(page).waitFor();
    const teaser = page.locator('.lectern:not([id^="lectern-ssr"]) .lc-teaser').first();
    await teaser.waitFor();
    const img = teaser.locator('img');
    await img.waitFor();
    // Lazy: it loads once it comes near the viewport.
    await img.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const i = document.querySelector('.lc-teaser img');
      return i && i.complete && i.naturalWidth > 0;
    });
    assert.equal(await teaser.locator('.lc-teaser__category').textContent(), 'Foreign Policy');
    assert.equal(await teaser.locator('time').textContent(), 'Mar 28, 2018');
    assert.equal(await teaser.locator('.lc-teaser__title').textContent(), 'How to Read a Summit Communiqué');
    assert.match(await teaser.locator('.lc-teaser__dek').textContent(), /^Sample article/);
  });
});

test('print drops the controls and keeps the article', async () => {
  await withPage({}, async (page) => {
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await title(page).getByText(EN).waitFor();
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('nav.lc-lang').isVisible(), false);
    assert.equal(await page.locator('.lc-bio__toggle').isVisible(), false);
    assert.equal(await page.locator('.lc-related').isVisible(), false);
    assert.equal(await title(page).isVisible(), true);
    assert.equal(await page.locator('.lc-bio__panel').isVisible(), true);
  });
});

test('back-to-top never covers the lines a reader scrolls down through: it floats only on the way up, and rests at the end', async () => {
  // 375 px with the author bio open: where the pill once hid the bio's text.
  await withPage({ viewport: { width: 375, height: 700 } }, async (page) => {
    await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=en`);
    await title(page).getByText(EN).waitFor();
    await page.locator('.lc-bio__toggle').click();
    const frame = () => page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
    // The text under the pill, when it is on screen.
    const covered = () => page.evaluate(() => {
      const pill = document.querySelector('a.lc-back-to-top');
      const r = pill.getBoundingClientRect();
      if (pill.hidden || r.bottom <= 0 || r.top >= innerHeight) return [];
      return [...document.querySelectorAll('.lectern :is(p, li, h1, h2, h3, h4, figcaption, blockquote, time)')]
        .filter((el) => {
          const b = el.getBoundingClientRect();
          return b.top < r.bottom && b.bottom > r.top && b.left < r.right && b.right > r.left;
        })
        .map((el) => `${el.textContent.slice(0, 40)} at y=${Math.round(scrollY)}`);
    });
    const scrollBy = async (dy) => {
      const before = await page.evaluate((dy) => { const y = scrollY; scrollBy({ top: dy, behavior: 'instant' }); return y; }, dy);
      await frame();
      return (await page.evaluate(() => scrollY)) !== before;
    };
    const under = [];
    while (await scrollBy(120)) under.push(...(await covered()));
    assert.deepEqual(under, [], 'nothing is under the pill on the way down');
    // At the end it is in view, where the article ends.
    const pill = page.locator('a.lc-back-to-top');
    assert.equal(await pill.isVisible(), true);
    assert.equal(await pill.evaluate((a) => getComputedStyle(a).position), 'static');
    // Back up half the article: it floats at the bottom of the window.
    const half = await page.evaluate(() => Math.round(document.documentElement.scrollHeight / 2));
    await page.evaluate((y) => scrollTo({ top: y, behavior: 'instant' }), half);
    await scrollBy(-120);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('a.lc-back-to-top')).position === 'sticky');
    const box = await pill.boundingBox();
    assert.ok(box && box.y > 700 - 120 && box.y + box.height <= 700, `floating at the bottom: ${JSON.stringify(box)}`);
    // Down again: it goes back to the end.
    await scrollBy(120);
    await page.waitForFunction(() => getComputedStyle(document.querySelector('a.lc-back-to-top')).position === 'static');
  });
});

test('no title ends with one character alone on its last line (balanced headings)', async () => {
  await withPage({ viewport: { width: 1280, height: 900 } }, async (page) => {
    // The characters on the last line of each heading in the live article.
    const lastLines = () => page.evaluate(() => [...document.querySelectorAll('.lectern:not([id^="lectern-ssr"]) :is(h1, h2, h3)')]
      .filter((h) => h.getClientRects().length)
      .map((h) => {
        const range = document.createRange();
        const chars = [];
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (let i = 0; i < node.length; i++) {
            range.setStart(node, i);
            range.setEnd(node, i + 1);
            const rect = range.getClientRects()[0];
            if (rect && node.data[i].trim()) chars.push([Math.round(rect.top), node.data[i]]);
          }
        }
        const last = Math.max(...chars.map(([top]) => top));
        return { title: h.textContent, last: chars.filter(([top]) => top === last).map(([, c]) => c).join('') };
      }));
    for (const lang of ['zh-Hans', 'zh-Hant']) {
      await page.goto(`${held.server.origin}/?article=china-opportunity-to-lead-on-north-korea&lang=${lang}`);
      await title(page).getByText(lang === 'zh-Hans' ? HANS : HANT).waitFor();
      for (const { title: text, last } of await lastLines()) {
        assert.ok([...last].length > 1, `"${text}" ends with "${last}" alone`);
      }
    }
  });
});
