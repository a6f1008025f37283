import { FlotillaError } from '../errors.ts';

/**
 * Evidence could not be gathered: a component or part cannot be fetched or
 * read, a lock names a file whose bytes changed, a trusted root cannot be
 * loaded. No verdict is given; the message names the component, the ref and
 * what to do.
 */
export class VerifyInputError extends FlotillaError {}
