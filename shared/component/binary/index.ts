export type * from './ast.ts';
export { BinaryFormatError, UnsupportedConstructError } from './errors.ts';
export { ByteReader, ByteWriter } from './io.ts';
export { isComponent, readComponent } from './read.ts';
export { writeComponent, writeComponentTo, writeSection } from './write.ts';
