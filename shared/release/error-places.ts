/**
 * Where in the files a user wrote a compose error belongs: the spec line of
 * each component a lock disagrees with or that is not pinned, the span of a
 * WAC diagnostic, the line of a component that could not be pulled. The
 * action turns each place into an annotation.
 */
import { ConfigError } from '../config/yaml-source.ts';
import { errorMessage } from '../errors.ts';
import { WacDiagnosticError } from '../wac/diagnostics.ts';
import { FrozenLockError, UnpinnedReferencesError } from './lock.ts';
import type { ComposeRefusedError } from './policy-check.ts';
import type { PromotionError } from './promote.ts';
import { FrozenFileError, PullError } from './pull.ts';

// policy-check.ts and promote.ts load sigstore and the copier: recognized by code, not imported here
function isRefusal(err: unknown): err is ComposeRefusedError {
  return err instanceof Error && (err as { code?: unknown }).code === 'COMPOSE_POLICY_REFUSED' && 'refused' in err;
}
function isPromotionMismatch(err: unknown): err is PromotionError {
  return err instanceof Error && (err as { code?: unknown }).code === 'PROMOTE_MISMATCH' && 'disagreements' in err;
}

export interface ErrorPlace {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** The places of an error (none when it belongs to no file). */
export function errorPlaces(err: unknown): ErrorPlace[] {
  if (err instanceof ConfigError) return [{ ...err.position, message: err.message }];
  if (err instanceof WacDiagnosticError) return [{ file: err.file, line: err.line, column: err.column, message: err.message }];
  if (isRefusal(err)) {
    return err.refused.map((r) => ({
      file: r.origin.file,
      line: r.origin.line,
      column: r.origin.column,
      message: `${r.name}${r.digest ? ` (${r.digest})` : ''} is refused by the policy:\n${r.violations
        .map((v) => `- ${v.message}${v.position ? ` (${v.position.file}:${v.position.line}:${v.position.column})` : ''}`)
        .join('\n')}`,
    }));
  }
  if (err instanceof FrozenLockError || isPromotionMismatch(err)) {
    return err.disagreements.flatMap((d) =>
      d.origin ? [{ file: d.origin.file, line: d.origin.line, column: d.origin.column, message: d.message }] : [],
    );
  }
  if (err instanceof UnpinnedReferencesError) {
    return err.unpinned.map((u) => ({
      file: u.origin.file,
      line: u.origin.line,
      column: u.origin.column,
      message: `${u.name}: '${u.ref}' is not pinned by digest (require-digest); pin it as <ref>@sha256:<digest>`,
    }));
  }
  if (err instanceof FrozenFileError || (err instanceof PullError && err.origin !== undefined)) {
    const o = err.origin as NonNullable<typeof err.origin>;
    return [{ file: o.file, line: o.line, column: o.column, message: errorMessage(err) }];
  }
  return [];
}
