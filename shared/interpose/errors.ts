import { FlotillaError } from '../errors.ts';

/**
 * An interposer cannot be generated for this input. Codes:
 * `INTERPOSE_NO_INTERFACE` (the component neither exports nor imports it),
 * `INTERPOSE_NOT_AN_INTERFACE` (the name is a function or a type),
 * `INTERPOSE_OWN_RESOURCES` (the interface defines resources),
 * `INTERPOSE_ASYNC` (an async function, a stream or a future),
 * `INTERPOSE_UNSHARED_RESOURCE` (a resource the interface uses comes from no import),
 * `INTERPOSE_UNSUPPORTED` (an export that is neither a function nor a type),
 * `INTERPOSE_OPTIONS` (bad weight, sticky key or label),
 * `INTERPOSE_GRAPH` (the composition cannot take the interposer).
 */
export class InterposeError extends FlotillaError {}
