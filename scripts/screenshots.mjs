// Takes the README's screenshots of the standalone page from the release
// build (dist/): every language at 375 and 1280 px and at 320 px (400%
// zoom, the bio open, as the accessibility test sees it), the bio open at
// 375 px, dark mode, and the reading layer: 对照 at 1280 and 375 px, a
// targeted paragraph, the settings panel, sepia and dark; and every
// language: Arabic at 375 and 1280 px, the UI in Arabic with the bio and the
// settings open, 对照 English + العربية at 1280 and 375 px, Japanese at 375 px.
// Usage: node scripts/screenshots.mjs [OUT_DIR] [ONLY]   (after trunk build --release)
// ONLY, a regular expression, takes just the shots whose names match it.
import { mkdir } from 'node:fs/promises';
import { launchBrowser, serveFolder } from '../e2e/support.mjs';

const out = process.argv[2] ?? 'docs/screenshots';
const only = process.argv[3] ? new RegExp(process.argv[3]) : null;
await mkdir(out, { recursive: true });
const server = await serveFolder(new URL('../dist/', import.meta.url).pathname);
const browser = await launchBrowser();

async function shot(name, { lang, width, height = width < 600 ? 812 : 900, scheme = 'light', bio = false, top = false, up = false, fullPage = false, settings, panel = false, hash = '', article }) {
  if (only && !only.test(name)) return;
  const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
  if (settings) await page.addInitScript((s) => localStorage.setItem('lectern:settings', s), JSON.stringify(settings));
  await page.goto(`${server.origin}/?${article ? `article=${article}&` : ''}lang=${encodeURIComponent(lang)}${hash}`);
  // Wait for the live widget, not the pre-rendered article.
  await page.locator('.lectern:not(#lectern-ssr) article h1').waitFor();
  await page.locator('.lc-article__meta time').first().waitFor();
  if (bio) {
    const toggle = page.locator('.lc-bio__toggle');
    await toggle.click();
    // Scrolled down to it, as a reader gets there (back-to-top floats only
    // on the way back up).
    await page.evaluate(() => {
      const top = document.querySelector('.lc-bio__toggle').getBoundingClientRect().top;
      window.scrollBy({ top: top - 120, behavior: 'instant' });
    });
    await page.evaluate(() => new Promise((ok) => requestAnimationFrame(() => requestAnimationFrame(ok))));
  }
  if (top) {
    // Back at the top, back-to-top stops floating once the header is seen.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.waitForFunction(() => !document.querySelector('.lectern:not(#lectern-ssr) a.lc-back-to-top[data-float]'));
  }
  if (lang.includes('+')) await page.locator('[data-col="2"]').first().waitFor();
  if (hash) {
    await page.locator('[aria-current="location"]').first().waitFor();
    await page.waitForTimeout(800);
  }
  if (panel) {
    await page.locator('.lc-settings__toggle').click();
    await page.locator('.lc-settings__toggle').evaluate((b) => b.scrollIntoView({ block: 'start', behavior: 'instant' }));
  }
  if (up) {
    // On the way back up, back-to-top floats at the bottom of the window.
    await page.evaluate(() => window.scrollBy({ top: -200, behavior: 'instant' }));
    await page.locator('a.lc-back-to-top[data-float]').waitFor();
  }
  await page.screenshot({ path: `${out}/${name}.png`, fullPage });
  await page.close();
  console.log(`wrote ${out}/${name}.png`);
}

try {
  for (const lang of ['en', 'zh-Hans', 'zh-Hant']) {
    await shot(`${lang}-1280`, { lang, width: 1280 });
    await shot(`${lang}-375`, { lang, width: 375 });
    // As the 320 px test (e2e/a11y.test.mjs) sees it: the bio open, at the top.
    await shot(`${lang}-320`, { lang, width: 320, height: 640, bio: true, top: true });
  }
  await shot('en-375-bio-open', { lang: 'en', width: 375, bio: true });
  await shot('en-375-scrolling-up', { lang: 'en', width: 375, bio: true, up: true });
  await shot('zh-Hans-1280-dark', { lang: 'zh-Hans', width: 1280, scheme: 'dark' });
  await shot('en-1280-full', { lang: 'en', width: 1280, fullPage: true });
  const diplomacy = 'diplomacy-between-languages';
  await shot('pair-en-zh-Hans-1280', { lang: 'en+zh-Hans', article: diplomacy, width: 1280, fullPage: true });
  await shot('pair-en-zh-Hans-375', { lang: 'en+zh-Hans', article: diplomacy, width: 375, fullPage: true });
  await shot('en-1280-target', { lang: 'en', width: 1280, hash: '#lectern-china-opportunity-to-lead-on-north-korea-p4' });
  await shot('zh-Hant-375-settings', { lang: 'zh-Hant', width: 375, panel: true });
  await shot('en-1280-settings-sepia', { lang: 'en', width: 1280, panel: true, settings: { theme: 'sepia', size: 4 } });
  await shot('pair-en-zh-Hant-1280-dark', { lang: 'en+zh-Hant', width: 1280, settings: { theme: 'dark', font: 'sans' } });
  // Every language (the sample's Arabic and Japanese versions).
  await shot('ar-1280', { lang: 'ar', article: diplomacy, width: 1280 });
  await shot('ar-375', { lang: 'ar', article: diplomacy, width: 375, fullPage: true });
  await shot('ar-1280-bio-settings', { lang: 'ar', article: diplomacy, width: 1280, bio: true, panel: true, fullPage: true });
  await shot('pair-en-ar-1280', { lang: 'en+ar', article: diplomacy, width: 1280, fullPage: true });
  await shot('pair-en-ar-375', { lang: 'en+ar', article: diplomacy, width: 375, fullPage: true });
  await shot('ja-375', { lang: 'ja', article: diplomacy, width: 375, fullPage: true });
} finally {
  await browser.close();
  await server.close();
}
