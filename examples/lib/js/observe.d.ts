export function logEvent(
  component: string,
  msg: string,
  fields?: Record<string, unknown>,
  level?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR',
): void;
export function requestId(): string;
export function withCallLog<T extends Record<string, (...args: never[]) => unknown>>(component: string, api: T): T;
