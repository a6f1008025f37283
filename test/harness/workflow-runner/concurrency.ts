/** What a run or job did in a concurrency group, for tests to assert. */
export interface ConcurrencyRecord {
  scope: 'workflow' | 'job';
  /** The job (path) for a job-level group. */
  job?: string;
  group: string;
  cancelInProgress: boolean;
  /** It waited for another run or job of the group to finish. */
  waited: boolean;
  /** It was cancelled by the group (replaced while pending, or cancelled in progress). */
  cancelled: boolean;
}

interface Holder {
  cancel(): void;
}

interface Waiter {
  resolve(got: boolean): void;
  holder: Holder;
}

export interface Lease {
  /** False when the lease was never had: a newer run or job took the pending place. */
  acquired: boolean;
  waited: boolean;
  release(): void;
}

/**
 * GitHub's concurrency groups, shared by every run of one runner: at most
 * one running and one pending member per group. A newer member replaces
 * (cancels) the pending one; with `cancel-in-progress` it also cancels the
 * running one.
 */
export class ConcurrencyGroups {
  readonly #running = new Map<string, Holder>();
  readonly #pending = new Map<string, Waiter>();

  async acquire(group: string, cancelInProgress: boolean, holder: Holder): Promise<Lease> {
    const release = () => {
      if (this.#running.get(group) !== holder) return;
      this.#running.delete(group);
      const next = this.#pending.get(group);
      if (next) {
        this.#pending.delete(group);
        this.#running.set(group, next.holder);
        next.resolve(true);
      }
    };
    const current = this.#running.get(group);
    if (current === undefined) {
      this.#running.set(group, holder);
      return { acquired: true, waited: false, release };
    }
    const replaced = this.#pending.get(group);
    if (replaced) replaced.resolve(false);
    const got = new Promise<boolean>((resolve) => this.#pending.set(group, { resolve, holder }));
    if (cancelInProgress) current.cancel();
    const acquired = await got;
    return { acquired, waited: true, release };
  }
}
