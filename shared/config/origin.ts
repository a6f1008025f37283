import { ConfigError, type SourcePosition, type YamlPath, type YamlSource } from './yaml-source.ts';

/** Where a value of a spec was written: file, line, column and the dotted field name. */
export interface Origin extends SourcePosition {
  field: string;
}

export function originOf(src: YamlSource, path: YamlPath, which: 'key' | 'value' = 'value'): Origin {
  return { ...src.positionOf(path, which), field: src.fieldName(path) };
}

/** `file:line:column` of an origin, for messages that list several places. */
export function formatOrigin(origin: Origin): string {
  return `${origin.file}:${origin.line}:${origin.column}`;
}

/** A semantic error of a spec at a place already located (the message starts with file:line:column: field). */
export class SpecError extends ConfigError {
  constructor(origin: Origin, message: string, code = 'SPEC_INVALID') {
    super({ file: origin.file, line: origin.line, column: origin.column }, origin.field, message, { code });
  }
}
