import { FlotillaError, UsageError } from '../errors.ts';
import { type Digest, isDigest } from './digest.ts';

/**
 * A registry reference: `host[:port]/path/name[:tag][@sha256:…]`, with the
 * Docker conventions (`docker.io` when no host is given, `library/` for
 * one-segment names on Docker Hub), or an OCI image layout on disk
 * `oci:<dir>[:tag]`.
 */
export type Reference = RegistryReference | LayoutReference;

export interface RegistryReference {
  kind: 'registry';
  /** Host and optional port as written (`ghcr.io`, `localhost:5000`). */
  registry: string;
  /** Repository path without the host (`company/ecommerce/user-service`). */
  repository: string;
  tag?: string;
  digest?: Digest;
}

export interface LayoutReference {
  kind: 'layout';
  /** Folder of the OCI image layout. */
  path: string;
  /** Tag (`org.opencontainers.image.ref.name`) inside the layout. */
  tag?: string;
  digest?: Digest;
}

export class InvalidReferenceError extends FlotillaError {
  constructor(ref: string, why: string) {
    super('REFERENCE_INVALID', `invalid reference '${ref}': ${why}`);
  }
}

const TAG = /^[\w][\w.-]{0,127}$/;
const PATH_COMPONENT = /^[a-z0-9]+(?:(?:\.|_|__|-+)[a-z0-9]+)*$/;

function looksLikeHost(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

export function parseReference(input: string): Reference {
  if (input.startsWith('oci:')) return parseLayoutReference(input);
  let rest = input;
  let digest: Digest | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    const d = rest.slice(at + 1);
    if (!isDigest(d)) throw new InvalidReferenceError(input, `'${d}' is not a sha256 digest`);
    digest = d;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!TAG.test(tag)) throw new InvalidReferenceError(input, `'${tag}' is not a valid tag`);
  }
  const parts = rest.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && looksLikeHost(parts[0] ?? '')) registry = parts.shift() ?? registry;
  if (registry === 'index.docker.io' || registry === 'registry-1.docker.io') registry = 'docker.io';
  if (registry === 'docker.io' && parts.length === 1) parts.unshift('library');
  if (parts.length === 0 || parts.some((p) => !PATH_COMPONENT.test(p))) {
    throw new InvalidReferenceError(input, 'the repository must be lower-case path components separated by /');
  }
  const ref: RegistryReference = { kind: 'registry', registry, repository: parts.join('/') };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

function parseLayoutReference(input: string): LayoutReference {
  let rest = input.slice('oci:'.length);
  let digest: Digest | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0 && isDigest(rest.slice(at + 1))) {
    digest = rest.slice(at + 1) as Digest;
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/') && colon > 0) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  if (rest === '') throw new InvalidReferenceError(input, 'oci: needs a folder, as in oci:./store:tag');
  const ref: LayoutReference = { kind: 'layout', path: rest };
  if (tag !== undefined) ref.tag = tag;
  if (digest !== undefined) ref.digest = digest;
  return ref;
}

export function formatReference(ref: Reference): string {
  const base = ref.kind === 'layout' ? `oci:${ref.path}` : `${ref.registry}/${ref.repository}`;
  return `${base}${ref.tag !== undefined ? `:${ref.tag}` : ''}${ref.digest !== undefined ? `@${ref.digest}` : ''}`;
}

/** Parses a reference given on a command line; a bad one is a UsageError naming `what` (`copy source`, `push destination`). */
export function referenceArgument(input: string, what: string): Reference {
  try {
    return parseReference(input);
  } catch (err) {
    throw new UsageError(`${what}: ${(err as Error).message}`, { cause: err });
  }
}

/** The tag or digest a reference names inside its store, if any (the digest wins). */
export function referenceTarget(ref: Reference): string | undefined {
  return ref.digest ?? ref.tag;
}
