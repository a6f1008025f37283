// The `route` label of request metrics. A label value per distinct path would
// give Prometheus a new series per product id or user name (unbounded
// cardinality, the classic way to take a Prometheus down), so the label is a
// route: one of the patterns the operator configured (`/products/:id`,
// `/cart/:user/items`, `/static/*`), or else the first path segment
// (`/products/p-2001` -> `/products`), and in both cases at most `maxRoutes`
// distinct values, after which everything else is `other`.
import { UsageError } from '../errors.ts';

export const OTHER_ROUTE = 'other';
export const DEFAULT_MAX_ROUTES = 100;

interface Pattern {
  text: string;
  parts: string[];
  rest: boolean;
}

const SEGMENT = /^[A-Za-z0-9._~-]{1,64}$/;
const PARAM = /^:[A-Za-z_][A-Za-z0-9_]*$/;

/** Parses `/a/:b/c` or `/static/*`; a bad pattern is a UsageError saying how to write one. */
export function parseRoutePattern(text: string): Pattern {
  const bad = (why: string) =>
    new UsageError(`route '${text}': ${why}; a route is /literal/:param/… with an optional /* at the end, as in /products/:id`);
  if (!text.startsWith('/')) throw bad('it must start with /');
  if (text.length > 256) throw bad('it is longer than 256 characters');
  const parts = text === '/' ? [] : text.slice(1).split('/');
  let rest = false;
  if (parts.at(-1) === '*') {
    rest = true;
    parts.pop();
  }
  for (const p of parts) {
    if (p === '*') throw bad('* may only end it');
    if (!PARAM.test(p) && !SEGMENT.test(p)) throw bad(`'${p}' is neither a literal segment nor a :param`);
  }
  return { text, parts, rest };
}

function matches(p: Pattern, segments: readonly string[]): boolean {
  if (p.rest ? segments.length < p.parts.length : segments.length !== p.parts.length) return false;
  for (let i = 0; i < p.parts.length; i++) {
    const part = p.parts[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':') ? seg === '' : part !== seg) return false;
  }
  return true;
}

export interface RouteLabelOptions {
  /** Patterns tried in order, the first match wins; a path matching none is `other`. */
  routes?: readonly string[] | undefined;
  /** At most this many distinct labels (default 100); later ones are `other`. */
  maxRoutes?: number | undefined;
}

/** A function from a request path (without query) to its bounded route label. */
export function routeLabeler(options: RouteLabelOptions = {}): (path: string) => string {
  const max = options.maxRoutes ?? DEFAULT_MAX_ROUTES;
  if (!Number.isInteger(max) || max < 1 || max > 10_000) throw new UsageError(`maxRoutes must be an integer from 1 to 10000, got ${max}`);
  const patterns = (options.routes ?? []).map(parseRoutePattern);
  const seen = new Set<string>();
  const bounded = (label: string) => {
    if (seen.has(label)) return label;
    if (seen.size >= max) return OTHER_ROUTE;
    seen.add(label);
    return label;
  };
  return (path) => {
    const segments = path === '/' || path === '' ? [] : path.replace(/^\//, '').split('/');
    if (patterns.length > 0) {
      const hit = patterns.find((p) => matches(p, segments));
      return hit ? bounded(hit.text) : OTHER_ROUTE;
    }
    const first = segments[0];
    if (first === undefined || first === '') return bounded('/');
    return SEGMENT.test(first) ? bounded(`/${first}`) : OTHER_ROUTE;
  };
}
