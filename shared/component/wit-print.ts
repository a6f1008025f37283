/** A WIT-like rendering of resolved types, for messages (not a WIT generator). */
import type { ComponentT, ExternT, InstanceT, VType } from './types.ts';

/** Printing stopped at its length budget. */
class Full extends Error {}

/**
 * `t` as WIT-like text; past `max` characters the text is cut with an
 * ellipsis (types are DAGs whose text can be exponentially longer than the
 * binary that holds them, so messages must never print a whole type).
 */
export function printVType(t: VType | { kind: 'resource'; name: string }, max = Number.POSITIVE_INFINITY): string {
  const out: string[] = [];
  let length = 0;
  const w = (s: string) => {
    out.push(s);
    length += s.length;
    if (length > max) throw new Full();
  };
  try {
    writeVType(t, w);
  } catch (e) {
    if (!(e instanceof Full)) throw e;
    return `${out.join('').slice(0, Math.max(0, max - 1))}…`;
  }
  return out.join('');
}

function writeList<T>(items: readonly T[], w: (s: string) => void, each: (x: T) => void): void {
  items.forEach((x, i) => {
    if (i > 0) w(', ');
    each(x);
  });
}

function writeVType(t: VType | { kind: 'resource'; name: string }, w: (s: string) => void): void {
  const v = (x: VType) => writeVType(x, w);
  switch (t.kind) {
    case 'resource':
    case 'prim':
      w(t.name);
      return;
    case 'record':
      w('record { ');
      writeList(t.fields, w, (f) => {
        w(`${f.name}: `);
        v(f.type);
      });
      w(' }');
      return;
    case 'variant':
      w('variant { ');
      writeList(t.cases, w, (c) => {
        w(c.name);
        if (c.type) {
          w('(');
          v(c.type);
          w(')');
        }
      });
      w(' }');
      return;
    case 'list':
      w('list<');
      v(t.element);
      w(t.length === null ? '>' : `, ${t.length}>`);
      return;
    case 'tuple':
      w('tuple<');
      writeList(t.types, w, v);
      w('>');
      return;
    case 'flags':
      w(`flags { ${t.names.join(', ')} }`);
      return;
    case 'enum':
      w(`enum { ${t.names.join(', ')} }`);
      return;
    case 'option':
      w('option<');
      v(t.type);
      w('>');
      return;
    case 'result':
      if (t.ok === null && t.err === null) {
        w('result');
        return;
      }
      w('result<');
      if (t.err === null) {
        v(t.ok as VType);
        w('>');
        return;
      }
      if (t.ok === null) w('_');
      else v(t.ok);
      w(', ');
      v(t.err);
      w('>');
      return;
    case 'own':
      w(t.resource.name);
      return;
    case 'borrow':
      w(`borrow<${t.resource.name}>`);
      return;
    case 'stream':
    case 'future':
      if (t.type === null) {
        w(t.kind);
        return;
      }
      w(`${t.kind}<`);
      v(t.type);
      w('>');
      return;
    case 'map':
      w('map<');
      v(t.key);
      w(', ');
      v(t.value);
      w('>');
      return;
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
