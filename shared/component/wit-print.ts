/** A WIT-like rendering of resolved types, for messages (not a WIT generator). */
import type { ComponentT, ExternT, InstanceT, VType } from './types.ts';

export function printVType(t: VType | { kind: 'resource'; name: string }): string {
  switch (t.kind) {
    case 'resource':
      return t.name;
    case 'prim':
      return t.name;
    case 'record':
      return `record { ${t.fields.map((f) => `${f.name}: ${printVType(f.type)}`).join(', ')} }`;
    case 'variant':
      return `variant { ${t.cases.map((c) => (c.type ? `${c.name}(${printVType(c.type)})` : c.name)).join(', ')} }`;
    case 'list':
      return t.length === null ? `list<${printVType(t.element)}>` : `list<${printVType(t.element)}, ${t.length}>`;
    case 'tuple':
      return `tuple<${t.types.map(printVType).join(', ')}>`;
    case 'flags':
      return `flags { ${t.names.join(', ')} }`;
    case 'enum':
      return `enum { ${t.names.join(', ')} }`;
    case 'option':
      return `option<${printVType(t.type)}>`;
    case 'result':
      if (t.ok === null && t.err === null) return 'result';
      if (t.err === null) return `result<${printVType(t.ok as VType)}>`;
      return `result<${t.ok === null ? '_' : printVType(t.ok)}, ${printVType(t.err)}>`;
    case 'own':
      return t.resource.name;
    case 'borrow':
      return `borrow<${t.resource.name}>`;
    case 'stream':
    case 'future':
      return t.type === null ? t.kind : `${t.kind}<${printVType(t.type)}>`;
    case 'map':
      return `map<${printVType(t.key)}, ${printVType(t.value)}>`;
  }
}

export function printExtern(t: ExternT, indent = ''): string {
  switch (t.kind) {
    case 'func':
      return `${t.async ? 'async ' : ''}func(${t.params.map((p) => `${p.name}: ${printVType(p.type)}`).join(', ')})${t.result ? ` -> ${printVType(t.result)}` : ''}`;
    case 'instance':
      return printInstance(t, indent);
    case 'component':
      return `component ${printWorldBody(t, indent)}`;
    case 'type':
      return t.type.kind === 'resource' ? `resource ${t.type.name}` : `type ${printVType(t.type)}`;
    case 'module':
      return 'core module';
    case 'value':
      return `value ${printVType(t.type)}`;
  }
}

function printInstance(t: InstanceT, indent: string): string {
  const inner = `${indent}  `;
  const lines = [...t.exports].map(([name, x]) => `${inner}${name}: ${printExtern(x, inner)};`);
  return lines.length === 0 ? 'interface {}' : `interface {\n${lines.join('\n')}\n${indent}}`;
}

function printWorldBody(t: ComponentT, indent: string): string {
  const inner = `${indent}  `;
  const lines = [
    ...[...t.imports].map(([name, x]) => `${inner}import ${name}: ${printExtern(x, inner)};`),
    ...[...t.exports].map(([name, x]) => `${inner}export ${name}: ${printExtern(x, inner)};`),
  ];
  return lines.length === 0 ? '{}' : `{\n${lines.join('\n')}\n${indent}}`;
}

/** The world of a component as WIT-ish text: `world name { import …; export …; }`. */
export function printWorld(t: ComponentT, name = 'root'): string {
  return `world ${name} ${printWorldBody(t, '')}`;
}
