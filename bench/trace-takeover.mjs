// Where the main thread goes at takeover: loads a page of the release build
// (dist/, after scripts/build-release) under the bench's mobile profile
// (4× CPU, slow 4G, cache off), records a Chrome trace over CDP, and prints
// every timer task of 10 ms or more on the page's main thread, in order,
// with the wasm functions V8 compiled in it (it compiles each on its first
// call) and the JavaScript it compiled. Tracing slows the page: read the
// tasks against each other, and the bench for their real length.
//
//   node bench/trace-takeover.mjs [LOADS] [PATH]    (default: 3 loads of /)
import { launchBrowser, serveSite } from '../e2e/support.mjs';
import { throttle } from './profile.mjs';

const [loads = '3', path = '/'] = process.argv.slice(2);
const dist = new URL('../dist/', import.meta.url).pathname;
const server = await serveSite({ '/': dist }, { compress: true });
const browser = await launchBrowser();
const ms = (us) => (us / 1000).toFixed(1);

try {
  for (let load = 1; load <= Number(loads); load += 1) {
    const context = await browser.newContext({ viewport: { width: 412, height: 823 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await throttle(cdp);
    const events = [];
    cdp.on('Tracing.dataCollected', (d) => events.push(...d.value));
    const complete = new Promise((ok) => cdp.on('Tracing.tracingComplete', ok));
    await cdp.send('Tracing.start', {
      categories: 'devtools.timeline,v8,disabled-by-default-v8.compile,v8.wasm,disabled-by-default-v8.wasm.detailed',
      transferMode: 'ReportEvents',
    });
    await page.goto(server.origin + path);
    await page.waitForFunction(() => /^lectern-\d/.test(document.querySelector('.lectern')?.id ?? ''), null, { timeout: 60_000 });
    await page.waitForTimeout(2000);
    await cdp.send('Tracing.end');
    await complete;
    await context.close();

    const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
    const mine = events.filter((e) => e.pid === main?.pid && e.tid === main?.tid && e.ph === 'X');
    const within = (task, name) => mine.filter((e) => e.name === name && e.ts >= task.ts && e.ts <= task.ts + task.dur);
    const sum = (list) => list.reduce((t, e) => t + (e.dur ?? 0), 0);
    console.log(`load ${load}: timer tasks of 10 ms or more (traced)`);
    for (const task of mine.filter((e) => e.name === 'TimerFire' && e.dur >= 10_000).sort((a, b) => a.ts - b.ts)) {
      const wasm = within(task, 'wasm.CompileLazy');
      const js = within(task, 'V8.CompileCode');
      console.log(
        `  ${ms(task.dur).padStart(6)} ms: wasm compiled ${String(wasm.length).padStart(3)} functions in ${ms(sum(wasm))} ms, js ${js.length} in ${ms(sum(js))} ms`,
      );
    }
  }
} finally {
  await browser.close();
  await server.close();
}
