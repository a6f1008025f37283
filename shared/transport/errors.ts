import { FlotillaError } from '../errors.ts';

/** The code of every content check that fails, whichever store read the bytes. */
export const CONTENT_MISMATCH = 'OCI_CONTENT_MISMATCH';

/** Where a registry error happened, for messages: `127.0.0.1:5000/a/b:tag`. */
export interface RegistryErrorContext {
  registry: string;
  repository?: string;
  reference?: string;
  status?: number;
}

function where(ctx: RegistryErrorContext): string {
  const repo = ctx.repository ? `/${ctx.repository}` : '';
  const ref = ctx.reference ? (ctx.reference.startsWith('sha256:') ? `@${ctx.reference}` : `:${ctx.reference}`) : '';
  const status = ctx.status !== undefined ? ` (HTTP ${ctx.status})` : '';
  return `${ctx.registry}${repo}${ref}${status}`;
}

/** One entry of a registry's error body (`{"errors":[{"code","message"}]}`, OCI distribution). */
export interface RegistryErrorEntry {
  /** `MANIFEST_UNKNOWN`, `NAME_UNKNOWN`, `DENIED`, … as the registry sent it. */
  code: string;
  message: string;
}

export interface RegistryErrorOptions {
  cause?: unknown;
  /** The error list of the registry's answer, kept as data. */
  registryErrors?: readonly RegistryErrorEntry[];
}

/** Any failure talking to a registry; the message names the registry, reference and HTTP status. */
export class RegistryError extends FlotillaError {
  readonly status: number | undefined;
  readonly registry: string;
  /** The registry's own error codes and messages (empty when its answer had none). */
  readonly registryErrors: readonly RegistryErrorEntry[];

  constructor(code: string, ctx: RegistryErrorContext, message: string, options?: RegistryErrorOptions) {
    super(code, `${where(ctx)}: ${message}`, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.status = ctx.status;
    this.registry = ctx.registry;
    this.registryErrors = options?.registryErrors ?? [];
  }

  /** Whether the registry answered with error code `code` (`NAME_UNKNOWN`, …). */
  hasRegistryCode(code: string): boolean {
    return this.registryErrors.some((e) => e.code === code);
  }
}

/** The manifest, blob or tag does not exist (HTTP 404). */
export class NotFoundError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message = 'not found', options?: RegistryErrorOptions) {
    super('OCI_NOT_FOUND', ctx, message, options);
  }
}

/** The registry refused our credentials, or needs some and we have none. */
export class AuthenticationError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string, options?: RegistryErrorOptions & { code?: string }) {
    super(options?.code ?? 'REGISTRY_AUTH', ctx, message, options);
  }
}

/** Whether `err` is a registry error carrying the registry's error code `code`. */
export function hasRegistryCode(err: unknown, code: string): boolean {
  return err instanceof RegistryError && err.hasRegistryCode(code);
}

/** Bytes read from a registry do not match the descriptor's digest or size; nothing was kept. Code as ContentMismatchError's. */
export class ContentVerificationError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string) {
    super(CONTENT_MISMATCH, ctx, message);
  }
}

/** A response is larger than what we accept to hold in memory (manifests: 4 MiB). */
export class ResponseTooLargeError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string) {
    super('OCI_TOO_LARGE', ctx, message);
  }
}

/** The connection failed, was cut, or a request timed out. Retryable. */
export class TransportError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string, options?: { cause?: unknown }) {
    super('REGISTRY_UNREACHABLE', ctx, message, options);
  }
}

/** A chunked upload failed and its session could not say where it stands: the streamed blob must be pushed again from the start. */
export class UploadNotResumableError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string, options?: { cause?: unknown }) {
    super('OCI_UPLOAD_NOT_RESUMABLE', ctx, message, options);
  }
}
