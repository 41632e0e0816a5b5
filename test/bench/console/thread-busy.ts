import type { Page } from '@playwright/test';

/**
 * How busy Chromium's threads are while a page works, from a trace of top-level tasks: the share of the
 * time the trace covers that each named thread spent running tasks, such as the GPU process's main thread (`CrGpuMain`;
 * on these machines WebGL is SwiftShader, a software rasteriser) and the page's own (`CrRendererMain`).
 */
export interface ThreadBusy {
  /** Percent of the traced time, by thread name (threads of one name added up, so it may exceed 100). */
  readonly percent: ReadonlyMap<string, number>;
}

interface TraceEvent {
  readonly ph: string;
  readonly name: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly args?: { readonly name?: string };
}

/** Traces while `work` runs. */
export async function traceThreadBusy(page: Page, work: () => Promise<void>): Promise<ThreadBusy> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (message) => events.push(...(message.value as unknown as TraceEvent[])));
  const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
  await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['toplevel'], recordMode: 'recordAsMuchAsPossible' }, transferMode: 'ReportEvents' });
  try {
    await work();
  } finally {
    await cdp.send('Tracing.end');
    await complete;
    await cdp.detach();
  }
  const names = new Map<string, string>();
  for (const event of events) if (event.ph === 'M' && event.name === 'thread_name') names.set(`${event.pid}:${event.tid}`, event.args?.name ?? '');
  const busyMs = new Map<string, number>();
  // Over the span the trace holds: a long run can fill the trace buffer before it ends.
  let first = Number.POSITIVE_INFINITY;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    if (event.ph !== 'X' || event.dur === undefined || (event.name !== 'ThreadControllerImpl::RunTask' && event.name !== 'ThreadPool_RunTask')) continue;
    const name = names.get(`${event.pid}:${event.tid}`) ?? 'unnamed';
    busyMs.set(name, (busyMs.get(name) ?? 0) + event.dur / 1000);
    first = Math.min(first, event.ts);
    last = Math.max(last, event.ts + event.dur);
  }
  const spanMs = (last - first) / 1000;
  return { percent: new Map([...busyMs].map(([name, ms]) => [name, spanMs > 0 ? (100 * ms) / spanMs : 0])) };
}
