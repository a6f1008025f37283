/**
 * Validation of a component binary: jco has no standalone validator, but its
 * `transpile` validates the component (wasmparser) before generating
 * bindings, so a successful in-memory transpile means a valid component.
 */
import { transpile } from '@bytecodealliance/jco';
import { errorMessage, FlotillaError } from '../errors.ts';

export class ComponentValidationError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('COMPONENT_INVALID', `the component is not valid: ${message}`, options);
  }
}

export async function validateComponent(bytes: Uint8Array): Promise<void> {
  try {
    await transpile(bytes, { name: 'component', noTypescript: true, quiet: true });
  } catch (e) {
    throw new ComponentValidationError(errorMessage(e).split('\n').slice(0, 12).join('\n'), { cause: e });
  }
}
