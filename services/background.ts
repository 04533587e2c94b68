import type { Logger } from './log';

/**
 * Work that outlives the turn that started it (a long check, a slow remediation). Every job is
 * tracked, its failure logged with its name, and `drain` waits for all of them at shutdown.
 */
export class BackgroundWork {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly log: Logger) {}

  run(name: string, job: () => Promise<void>, context: Record<string, unknown> = {}): void {
    const promise = job()
      .catch((error: unknown) => {
        this.log.error({ err: error, job: name, ...context }, 'background job failed');
      })
      .finally(() => {
        this.running.delete(promise);
      });
    this.running.add(promise);
  }

  get size(): number {
    return this.running.size;
  }

  async drain(): Promise<void> {
    while (this.running.size > 0) await Promise.all([...this.running]);
  }
}
