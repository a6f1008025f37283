import { FlotillaError } from '../../errors.ts';

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

/** Any failure talking to a registry; the message names the registry, reference and HTTP status. */
export class RegistryError extends FlotillaError {
  readonly status: number | undefined;
  readonly registry: string;

  constructor(code: string, ctx: RegistryErrorContext, message: string, options?: { cause?: unknown }) {
    super(code, `${where(ctx)}: ${message}`, options);
    this.status = ctx.status;
    this.registry = ctx.registry;
  }
}

/** The manifest, blob or tag does not exist (HTTP 404). */
export class NotFoundError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message = 'not found') {
    super('OCI_NOT_FOUND', ctx, message);
  }
}

/** The registry refused our credentials, or needs some and we have none. */
export class AuthenticationError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string, options?: { cause?: unknown; code?: string }) {
    super(options?.code ?? 'REGISTRY_AUTH', ctx, message, options);
  }
}

/** Bytes read from a registry do not match the descriptor's digest or size; nothing was kept. */
export class ContentVerificationError extends RegistryError {
  constructor(ctx: RegistryErrorContext, message: string) {
    super('OCI_CONTENT_MISMATCH', ctx, message);
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
