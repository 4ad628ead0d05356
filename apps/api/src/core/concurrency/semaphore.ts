/**
 * A fixed number of places for work that costs memory while it runs. `acquire` waits for a place (in
 * arrival order); `tryAcquire` takes one now or answers null, for callers that would rather refuse
 * than queue. Each returns its release, which may be called more than once.
 */
export class Semaphore {
  private used = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  get inUse(): number {
    return this.used;
  }

  tryAcquire(): (() => void) | null {
    if (this.used >= this.size) return null;
    this.used++;
    return this.releaser();
  }

  async acquire(): Promise<() => void> {
    if (this.used >= this.size) {
      // A release hands its place straight to the first waiter, so the count never drops in between.
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.used++;
    }
    return this.releaser();
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    const release = await this.acquire();
    try {
      return await fn();
    } finally {
      release();
    }
  }

  private releaser(): () => void {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.used--;
    };
  }
}
