// Takes a headless Chromium screenshot of a page, for looking at what we built.
// Usage: node scripts/screenshot.mjs URL OUT.png [WIDTH] [light|dark]
import { launchBrowser } from '../e2e/support.mjs';

const [url, out, width = '1280', scheme = 'light'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [WIDTH] [light|dark]');
  process.exit(2);
}
const browser = await launchBrowser();
try {
  const page = await browser.newPage({
    viewport: { width: Number(width), height: 900 },
    colorScheme: scheme,
  });
  await page.goto(url);
  await page.locator('article, [role=alert]').first().waitFor({ timeout: 15_000 });
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} finally {
  await browser.close();
}
