import { describe, expect, it } from 'vitest';
import { printExtern } from '../component/wit-print.ts';
import type { ImportStatement } from './ast.ts';
import { parseWac } from './parser.ts';
import { importExternType, typeEnv } from './wac-types.ts';

function importType(text: string) {
  const doc = parseWac({ file: 't.wac', text });
  const imp = doc.statements.find((s) => s.kind === 'import') as ImportStatement;
  return importExternType(imp.type, typeEnv(doc));
}

describe('WAC import types in the component type model', () => {
  it('elaborates resources with constructors, methods and static functions the way the binary names them', () => {
    const t = importType(
      'package a:b;\nimport i: interface {\n  resource file {\n    constructor(path: string);\n    read: func(n: u32) -> list<u8>;\n    open: static func(path: string) -> file;\n  }\n  stat: func(f: borrow<file>) -> u64;\n};\n',
    );
    expect(t.kind).toBe('instance');
    if (t.kind !== 'instance') return;
    expect([...t.exports.keys()]).toEqual(['file', '[constructor]file', '[method]file.read', '[static]file.open', 'stat']);
    expect(t.declared).toHaveLength(1);
    const read = t.exports.get('[method]file.read');
    expect(read?.kind === 'func' && read.params.map((p) => p.name)).toEqual(['self', 'n']);
    expect(printExtern(t.exports.get('stat') as never)).toContain('u64');
  });

  it('follows root-level records, enums and `use` of a declared interface', () => {
    const t = importType(
      'package a:b;\ninterface types {\n  enum color { red, green }\n}\nrecord point { x: s32, y: s32 }\nimport draw: interface {\n  use types.{color as c};\n  line: func(from: point, to: point, color: c) -> result<_, string>;\n};\n',
    );
    if (t.kind !== 'instance') throw new Error('expected an instance');
    expect([...t.exports.keys()]).toEqual(['c', 'line']);
    const line = t.exports.get('line');
    expect(line?.kind === 'func' && line.params.map((p) => p.type.kind)).toEqual(['record', 'record', 'enum']);
  });
});
