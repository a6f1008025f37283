// Shared by the example's tests: build the components once per test run
// (reused when up to date: the build's stamps make a warm run take
// milliseconds) and call a service export, unwrapping jco's ComponentError.
import { buildExample } from './build.ts';

let built: Promise<unknown> | undefined;

/** Builds every example component unless up to date; one build per process. */
export function ensureBuilt(): Promise<unknown> {
  built ??= buildExample();
  return built;
}

/** The err value of a call that must fail (jco throws ComponentError with the WIT value in `payload`). */
export function errorOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return (err as { payload?: unknown }).payload ?? err;
  }
  throw new Error('expected the call to fail, it returned');
}
