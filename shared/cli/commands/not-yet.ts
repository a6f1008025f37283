import { NotImplementedError } from '../../errors.ts';

/** The body of a subcommand whose issue has not landed: it fails, saying so. */
export function notYet(what: string): () => Promise<number> {
  return async () => {
    throw new NotImplementedError(what);
  };
}
