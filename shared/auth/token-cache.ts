/** A registry token and when it stops being usable (epoch ms). */
export interface CachedToken {
  token: string;
  expiresAt: number;
}

/** Seconds before the stated expiry at which a token is no longer used. */
const MARGIN_MS = 5_000;

/**
 * Registry tokens by host and scope set, until they expire. One cache can
 * serve several clients of the same process.
 */
export class TokenCache {
  private readonly tokens = new Map<string, CachedToken>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  static key(host: string, scopes: readonly string[]): string {
    return `${host} ${[...new Set(scopes)].sort().join(' ')}`;
  }

  get(host: string, scopes: readonly string[]): string | undefined {
    const key = TokenCache.key(host, scopes);
    const hit = this.tokens.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt - MARGIN_MS <= this.now()) {
      this.tokens.delete(key);
      return undefined;
    }
    return hit.token;
  }

  set(host: string, scopes: readonly string[], token: string, expiresInSeconds: number, issuedAt?: number): void {
    const start = issuedAt !== undefined && issuedAt <= this.now() && issuedAt > this.now() - 3600_000 ? issuedAt : this.now();
    this.tokens.set(TokenCache.key(host, scopes), { token, expiresAt: start + expiresInSeconds * 1000 });
  }

  /** Forgets the token of `host` and `scopes`; only if it is `token` when given (a refused one). */
  invalidate(host: string, scopes: readonly string[], token?: string): void {
    const key = TokenCache.key(host, scopes);
    if (token === undefined || this.tokens.get(key)?.token === token) this.tokens.delete(key);
  }
}
