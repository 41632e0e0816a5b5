import type { Browser } from '@playwright/test';

/** How often the GPU process's CPU time is read, and how much it may rise in that time and count as idle. */
const POLL_MS = 250;
const IDLE_RISE_S = 0.01;

/**
 * Waits until Chromium's GPU process has stopped working (its CPU time, from the DevTools protocol's
 * `SystemInfo.getProcessInfo`, rose by at most 10 ms in 250 ms), or `maxMs` has passed; returns how long
 * it waited. Here the GPU is software (SwiftShader): after a million hits are filled it draws for about
 * 30 s on both cores, and a sample taken meanwhile measures the two processes competing, not the append.
 */
export async function waitForGpuIdle(browser: Browser, maxMs = 120_000): Promise<number> {
  const session = await browser.newBrowserCDPSession();
  try {
    const gpuSeconds = async () => {
      const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; cpuTime: number }[] };
      return processInfo.filter((process) => process.type === 'GPU').reduce((sum, process) => sum + process.cpuTime, 0);
    };
    const started = Date.now();
    let last = await gpuSeconds();
    while (Date.now() - started < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      const now = await gpuSeconds();
      if (now - last <= IDLE_RISE_S) return Date.now() - started;
      last = now;
    }
    return Date.now() - started;
  } finally {
    await session.detach();
  }
}
