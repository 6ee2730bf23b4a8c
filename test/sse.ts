import http from "node:http";

export interface SseEvent {
  event: string;
  data: unknown;
}

/**
 * A server-sent-events reader for tests: opens `url` (with optional cookies), parses every event
 * it receives, and lets a test wait for one. `ended` resolves when the server closes the stream.
 */
export class SseStream {
  readonly events: SseEvent[] = [];
  readonly ended: Promise<void>;
  status = 0;
  private req: http.ClientRequest | null = null;
  private waiters = new Set<() => void>();
  private isEnded = false;

  private constructor(url: string, headers: Record<string, string>) {
    this.ended = new Promise((resolve) => {
      const done = () => {
        this.isEnded = true;
        this.notify();
        resolve();
      };
      this.req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        this.status = res.statusCode ?? 0;
        res.setEncoding("utf8");
        let buffer = "";
        res.on("data", (chunk: string) => {
          buffer += chunk;
          let at: number;
          while ((at = buffer.indexOf("\n\n")) >= 0) {
            this.parse(buffer.slice(0, at));
            buffer = buffer.slice(at + 2);
          }
        });
        res.on("end", done);
        res.on("close", done);
        res.on("error", done);
      });
      this.req.on("error", done);
    });
  }

  /** Opens the stream and waits for its `ready` event (permissions are checked by then). */
  static async open(url: string, headers: Record<string, string> = {}): Promise<SseStream> {
    const s = new SseStream(url, headers);
    await s.waitFor((e) => e.event === "ready", 10_000);
    return s;
  }

  private parse(block: string): void {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).trimStart());
    }
    if (data.length === 0) return;
    const text = data.join("\n");
    let value: unknown = text;
    try {
      value = JSON.parse(text);
    } catch {
      // Plain-text data stays a string.
    }
    this.events.push({ event, data: value });
    this.notify();
  }

  private notify(): void {
    for (const w of [...this.waiters]) w();
  }

  /** The events named `name` received so far. */
  named<T = Record<string, unknown>>(name: string): T[] {
    return this.events.filter((e) => e.event === name).map((e) => e.data as T);
  }

  /** Resolves with the first event (old or new) that matches; rejects on timeout or end of stream. */
  waitFor(match: (e: SseEvent) => boolean, timeoutMs = 10_000): Promise<SseEvent> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.events.find(match);
        if (found) {
          cleanup();
          resolve(found);
        } else if (this.isEnded) {
          cleanup();
          reject(new Error(`stream ended before the expected event; got ${JSON.stringify(this.events)}`));
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`no matching event within ${timeoutMs} ms; got ${JSON.stringify(this.events)}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.waiters.delete(check);
      };
      this.waiters.add(check);
      check();
    });
  }

  /** Closes the connection from the client side. */
  close(): void {
    this.req?.destroy();
  }
}
