/** One challenge of a `WWW-Authenticate` header: the scheme (lower case) and its parameters (keys lower case). */
export interface Challenge {
  scheme: string;
  params: Record<string, string>;
  /** A token68 value given instead of parameters (rare). */
  token68?: string;
}

const TOKEN_CHAR = /[!#$%&'*+.^_`|~0-9A-Za-z-]/;
/** token68 right after a scheme, alone up to the next comma or the end. */
const TOKEN68 = /^([A-Za-z0-9._~+/-]+=*)[ \t]*(?:,|$)/;

/**
 * Parses a `WWW-Authenticate` header (RFC 9110 §11.6.1): one or more
 * challenges separated by commas, each a scheme followed by `key=value` or
 * `key="quoted \"value\""` parameters. Unreadable parts are skipped, never
 * thrown: the caller decides what a missing realm means.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const out: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => {
    while (i < n && (header[i] === ' ' || header[i] === '\t')) i++;
  };
  const readToken = (): string => {
    const start = i;
    while (i < n && TOKEN_CHAR.test(header[i] ?? '')) i++;
    return header.slice(start, i);
  };
  /** An unquoted value, leniently: up to the next comma or space (realms are often URLs). */
  const readBare = (): string => {
    const start = i;
    while (i < n && header[i] !== ',' && header[i] !== ' ' && header[i] !== '\t') i++;
    return header.slice(start, i);
  };
  const readQuoted = (): string => {
    // at the opening quote
    i++;
    let value = '';
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i];
      i++;
    }
    i++; // closing quote
    return value;
  };
  let current: Challenge | undefined;
  while (i < n) {
    skipSpace();
    if (header[i] === ',') {
      i++;
      continue;
    }
    const start = i;
    const token = readToken();
    if (token === '') {
      i++; // junk character: skip it
      continue;
    }
    skipSpace();
    if (header[i] === '=' && current) {
      // a parameter of the current challenge, or a token68 ending in '='
      i++;
      skipSpace();
      const value = header[i] === '"' ? readQuoted() : readBare();
      current.params[token.toLowerCase()] = value;
      continue;
    }
    // a new challenge: scheme [token68]
    current = { scheme: token.toLowerCase(), params: {} };
    out.push(current);
    const t68 = TOKEN68.exec(header.slice(i));
    if (t68?.[1]) {
      current.token68 = t68[1];
      i += t68[1].length;
    }
    if (i === start) i++;
  }
  return out;
}

/** The scopes asked by a Bearer challenge (`scope` holds space-separated scopes). */
export function challengeScopes(ch: Challenge): string[] {
  return (ch.params.scope ?? '').split(' ').filter(Boolean);
}
