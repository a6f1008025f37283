import { FlotillaError } from '../../errors.ts';

/** A folder that is not a readable OCI image layout, or whose index.json is malformed. */
export class LayoutFormatError extends FlotillaError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('LAYOUT_INVALID', message, options);
  }
}

/** A blob or manifest asked for by digest that the store does not hold. */
export class ContentNotFoundError extends FlotillaError {
  constructor(message: string) {
    super('NOT_FOUND', message);
  }
}

/** A tag the store does not hold. */
export class TagNotFoundError extends FlotillaError {
  constructor(message: string) {
    super('TAG_NOT_FOUND', message);
  }
}

/** A manifest pushed before the blobs or manifests it references. */
export class IncompleteManifestError extends FlotillaError {
  constructor(message: string) {
    super('MANIFEST_INCOMPLETE', message);
  }
}
