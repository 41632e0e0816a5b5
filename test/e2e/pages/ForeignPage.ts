import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FrameLocator, Page } from '@playwright/test';

/**
 * A page of another origin (its own little server on another port) that tries what a hostile site would:
 * frame the console, open the hub's socket, read its API. Each attempt reports what the browser let through.
 */
const PAGE = `<!doctype html>
<html><head><title>Not Watchfloor</title></head>
<body>
  <h1>Another site</h1>
  <iframe id="console-frame" title="Framed console" width="800" height="600"></iframe>
</body></html>`;

export class ForeignPage {
  readonly consoleFrame: FrameLocator;

  private constructor(
    readonly page: Page,
    readonly url: string,
    private readonly server: Server,
  ) {
    this.consoleFrame = page.frameLocator('#console-frame');
  }

  static async serve(page: Page): Promise<ForeignPage> {
    const server = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(PAGE);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return new ForeignPage(page, `http://127.0.0.1:${port}`, server);
  }

  async open(): Promise<void> {
    await this.page.goto(`${this.url}/`);
  }

  /** Points the frame at the console and resolves once the frame has finished loading, whatever it shows. */
  async frameConsole(consoleUrl: string): Promise<void> {
    await this.page.evaluate(
      (url) =>
        new Promise<void>((resolve) => {
          const frame = document.getElementById('console-frame') as HTMLIFrameElement;
          frame.addEventListener('load', () => resolve(), { once: true });
          frame.src = url;
        }),
      consoleUrl,
    );
  }

  /** What a script of this page learns from the hub's health route: the body, or the error the browser gave. */
  async readApi(hubUrl: string): Promise<string> {
    return this.page.evaluate(async (url) => {
      try {
        const response = await fetch(`${url}/api/v1/health`);
        return `read ${response.status}: ${await response.text()}`;
      } catch (error) {
        return `failed: ${(error as Error).message}`;
      }
    }, hubUrl);
  }

  /** Opens the hub's socket.io websocket as its client would; `open` when the hub accepted the upgrade. */
  async openSocket(hubUrl: string): Promise<'open' | 'refused'> {
    return openSocketFrom(this.page, hubUrl);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

/** The socket.io websocket upgrade from a script of `page`, the same way from any page. */
export function openSocketFrom(page: Page, hubUrl: string): Promise<'open' | 'refused'> {
  return page.evaluate(
    (url) =>
      new Promise<'open' | 'refused'>((resolve) => {
        const socket = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
        socket.onopen = () => {
          socket.close();
          resolve('open');
        };
        socket.onerror = () => resolve('refused');
      }),
    hubUrl,
  );
}
