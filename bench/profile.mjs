// The bench's mobile profile (slow 4G, 4× CPU), shared by bench/run.mjs and
// bench/trace-takeover.mjs so that both measure under the same conditions.

/** Latency in ms, bandwidth in kbit/s, CPU slowdown. */
export const THROTTLE = { latency: 562.5, downloadKbps: 1474.56, uploadKbps: 675, cpu: 4 };

/** Applies the profile to a page's CDP session (cache off too). */
export async function throttle(cdp, { network = true, cpu = THROTTLE.cpu } = {}) {
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  if (network) {
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: THROTTLE.latency,
      downloadThroughput: (THROTTLE.downloadKbps * 1024) / 8,
      uploadThroughput: (THROTTLE.uploadKbps * 1024) / 8,
    });
  }
  if (cpu > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpu });
}
