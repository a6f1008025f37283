/**
 * Turns the types a WAC document writes (function types, inline interfaces,
 * records, variants, enums, flags and aliases declared at the top level) into
 * the component type model (`shared/component/types.ts`), so that explicit
 * imports can be added to the composition graph and type checked.
 *
 * Not covered yet (refused with NotImplementedError): resources and `borrow`,
 * `use` inside inline interfaces, and interfaces or worlds used by name.
 */
import type { ExternT, FuncT, InstanceT, VType } from '../component/types.ts';
import { NotImplementedError } from '../errors.ts';
import type * as A from './ast.ts';

/** Root-level type declarations of a document, by name (the resolver has already checked them). */
export type TypeEnv = Map<string, A.TypeStatement>;

export function typeEnv(doc: A.Document): TypeEnv {
  const env: TypeEnv = new Map();
  for (const s of doc.statements) {
    if (s.kind !== 'import' && s.kind !== 'let' && s.kind !== 'export') env.set(s.id.name, s);
  }
  return env;
}

function declType(decl: A.ItemTypeDecl, env: TypeEnv, local: Map<string, A.ItemTypeDecl>): VType {
  switch (decl.kind) {
    case 'record':
      return { kind: 'record', fields: decl.fields.map((f) => ({ name: f.id.name, type: valueType(f.type, env, local) })) };
    case 'variant':
      return { kind: 'variant', cases: decl.cases.map((c) => ({ name: c.id.name, type: c.type ? valueType(c.type, env, local) : null })) };
    case 'enum':
      return { kind: 'enum', names: decl.cases.map((c) => c.id.name) };
    case 'flags':
      return { kind: 'flags', names: decl.flags.map((f) => f.id.name) };
    case 'alias':
      if (decl.target.kind === 'func') throw new NotImplementedError('A function type alias used as a value type');
      return valueType(decl.target.type, env, local);
    case 'resource':
      throw new NotImplementedError(`Resource \`${decl.id.name}\` in a WAC import type`);
  }
}

export function valueType(t: A.Type, env: TypeEnv, local: Map<string, A.ItemTypeDecl> = new Map()): VType {
  switch (t.kind) {
    case 'primitive':
      return { kind: 'prim', name: t.name };
    case 'tuple':
      return { kind: 'tuple', types: t.types.map((x) => valueType(x, env, local)) };
    case 'list':
      return { kind: 'list', element: valueType(t.element, env, local), length: null };
    case 'option':
      return { kind: 'option', type: valueType(t.inner, env, local) };
    case 'result':
      return { kind: 'result', ok: t.ok ? valueType(t.ok, env, local) : null, err: t.err ? valueType(t.err, env, local) : null };
    case 'borrow':
      throw new NotImplementedError('`borrow<…>` in a WAC import type');
    case 'ident': {
      const decl = local.get(t.ident.name) ?? env.get(t.ident.name);
      if (!decl || decl.kind === 'interface' || decl.kind === 'world') {
        throw new NotImplementedError(`Type \`${t.ident.name}\` in a WAC import type`);
      }
      return declType(decl, env, local);
    }
  }
}

export function funcType(f: A.FuncType, env: TypeEnv, local: Map<string, A.ItemTypeDecl> = new Map()): FuncT {
  return {
    kind: 'func',
    async: false,
    params: f.params.map((p) => ({ name: p.id.name, type: valueType(p.type, env, local) })),
    result: f.result ? valueType(f.result, env, local) : null,
  };
}

export function interfaceType(items: A.InterfaceItem[], env: TypeEnv): InstanceT {
  const local = new Map<string, A.ItemTypeDecl>();
  const exports = new Map<string, ExternT>();
  for (const item of items) {
    if (item.kind === 'use') throw new NotImplementedError('`use` in an inline WAC interface');
    if (item.kind === 'interface-export') {
      if (item.type.kind === 'func') exports.set(item.id.name, funcType(item.type.func, env, local));
      else {
        const alias = local.get(item.type.ident.name) ?? env.get(item.type.ident.name);
        if (alias?.kind !== 'alias' || alias.target.kind !== 'func')
          throw new NotImplementedError(`Function type \`${item.type.ident.name}\``);
        exports.set(item.id.name, funcType(alias.target.func, env, local));
      }
    } else {
      local.set(item.id.name, item);
      if (item.kind !== 'alias') exports.set(item.id.name, { kind: 'type', type: declType(item, env, local) });
    }
  }
  return { kind: 'instance', exports, declared: [] };
}

/** The type of an explicit `import`: written in WAC, or found in a package by path (`resolvePath`). */
export function importExternType(type: A.ImportType, env: TypeEnv, resolvePath?: (path: A.PackagePath) => ExternT | undefined): ExternT {
  switch (type.kind) {
    case 'func':
      return funcType(type.func, env);
    case 'interface':
      return interfaceType(type.iface.items, env);
    case 'ident': {
      const decl = env.get(type.ident.name);
      if (decl?.kind === 'interface') return interfaceType(decl.items, env);
      if (decl?.kind === 'alias' && decl.target.kind === 'func') return funcType(decl.target.func, env);
      throw new NotImplementedError(`Importing \`${type.ident.name}\` by name`);
    }
    case 'package': {
      const found = resolvePath?.(type.path);
      if (!found) throw new NotImplementedError(`Reading the type of \`${type.path.text}\` from its package`);
      return found;
    }
  }
}
