import { AuthenticationError, RegistryError, type RegistryErrorContext } from './errors.ts';

/**
 * The one rule for every URL a registry hands back (a redirect, an upload
 * session's `Location`, a tag list's `Link: rel="next"`, a token realm):
 *
 * - only `http:` and `https:`;
 * - never from `https:` down to plain `http:`;
 * - credentials (Basic, Bearer, refresh tokens) only to the registry's own
 *   origin, or, for the token realm, to a host allowed to receive them (the
 *   registry's own host name, a known token service of a public registry, or
 *   one the registry entry names in `tokenRealms`). Anything else is asked
 *   without credentials; if it wants some, a CrossOriginAuthError says so.
 */

/** A registry handed back a URL we do not follow (bad scheme, or a downgrade from https to http). */
export class UnsafeUrlError extends RegistryError {
  readonly url: string;

  constructor(ctx: RegistryErrorContext, what: string, url: string, why: string) {
    super(
      'REGISTRY_UNSAFE_URL',
      ctx,
      `${what} points at ${printableUrl(url)}, which is ${why}; refused. The registry is misconfigured or hostile: report it to its operator`,
    );
    this.url = url;
  }
}

/**
 * Another origin, which the registry sent us to, wants credentials: the
 * registry's credentials are never sent there.
 */
export class CrossOriginAuthError extends AuthenticationError {
  readonly origin: string;

  constructor(ctx: RegistryErrorContext, what: string, origin: string, hint: string) {
    super(
      ctx,
      `${what} at ${origin} asks for credentials, and the credentials of ${ctx.registry} are only sent to ${ctx.registry} itself; ${hint}`,
      { code: 'REGISTRY_CROSS_ORIGIN_AUTH' },
    );
    this.origin = origin;
  }
}

/** A URL for messages: origin and path, no query (which may hold tokens), at most 200 characters. */
export function printableUrl(url: string | URL): string {
  let text: string;
  try {
    const u = new URL(url);
    text = `${u.origin}${u.pathname}`;
  } catch {
    text = String(url);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is removed
  text = text.replace(/[\u0000-\u001f\u007f]/g, '?');
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}

/**
 * Resolves a URL the registry handed back (`value`, relative to `current`)
 * and checks it: http(s) only, and no step down from https (of the registry
 * or of the current request) to http.
 */
export function handedUrl(value: string, current: URL, registryBase: URL, ctx: RegistryErrorContext, what: string): URL {
  let next: URL;
  try {
    next = new URL(value, current);
  } catch {
    throw new RegistryError('REGISTRY_PROTOCOL', ctx, `${what} is not a URL (${printableUrl(value)}); the registry is misconfigured`);
  }
  if (next.protocol !== 'https:' && next.protocol !== 'http:') {
    throw new UnsafeUrlError(ctx, what, next.href, `of the unsupported scheme ${next.protocol}`);
  }
  if (next.protocol === 'http:' && (current.protocol === 'https:' || registryBase.protocol === 'https:')) {
    throw new UnsafeUrlError(ctx, what, next.href, 'plain http while the registry is https (a downgrade)');
  }
  return next;
}

/** Token services of public registries that live on another host than the registry API. */
const KNOWN_TOKEN_HOSTS: Record<string, readonly string[]> = {
  'registry-1.docker.io': ['auth.docker.io'],
  'registry.gitlab.com': ['gitlab.com'],
};

/**
 * Whether the token realm `realm` may receive the credentials of the
 * registry at `registryBase`: the same host name (any port: registries often
 * run their token service beside them), a known token service of a public
 * registry, or an origin or host listed in `trusted` (the registry entry's
 * `tokenRealms`).
 */
export function realmMayReceiveCredentials(realm: URL, registryBase: URL, trusted: readonly string[] = []): boolean {
  if (realm.hostname === registryBase.hostname) return true;
  if (KNOWN_TOKEN_HOSTS[registryBase.hostname]?.includes(realm.hostname)) return true;
  return trusted.some((t) => t === realm.origin || t === realm.host || t === realm.hostname);
}
