/**
 * Turns the types a WAC document writes (function types, inline or declared
 * interfaces with their records, variants, enums, flags, aliases, resources
 * and `use`s of other declared interfaces) into the component type model
 * (`shared/component/types.ts`), so that explicit imports can be added to the
 * composition graph and type checked.
 *
 * Not covered (refused with NotImplementedError): `use` of a package path, a
 * resource used from another interface, worlds used as import types.
 */
import { type ExternT, type FuncT, type InstanceT, newResource, type Resource, type VType } from '../component/types.ts';
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

/** Names visible inside an interface: its own declarations, what it `use`s, and its resources. */
interface Local {
  decls: Map<string, A.ItemTypeDecl>;
  resources: Map<string, Resource>;
  /** Types brought in by `use`, already elaborated. */
  used: Map<string, VType>;
}

const emptyLocal = (): Local => ({ decls: new Map(), resources: new Map(), used: new Map() });

function declType(decl: A.ItemTypeDecl, env: TypeEnv, local: Local): VType {
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
    case 'resource': {
      const r = local.resources.get(decl.id.name);
      if (!r) throw new NotImplementedError(`Resource \`${decl.id.name}\` outside the interface that declares it`);
      return { kind: 'own', resource: r };
    }
  }
}

export function valueType(t: A.Type, env: TypeEnv, local: Local = emptyLocal()): VType {
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
    case 'borrow': {
      const own = valueType({ kind: 'ident', ident: t.resource, span: t.span }, env, local);
      if (own.kind !== 'own') throw new NotImplementedError(`\`borrow<${t.resource.name}>\` of a type that is not a resource here`);
      return { kind: 'borrow', resource: own.resource };
    }
    case 'ident': {
      const name = t.ident.name;
      const used = local.used.get(name);
      if (used) return used;
      const decl = local.decls.get(name) ?? env.get(name);
      if (!decl || decl.kind === 'interface' || decl.kind === 'world') {
        throw new NotImplementedError(`Type \`${name}\` in a WAC import type`);
      }
      return declType(decl, env, local);
    }
  }
}

export function funcType(f: A.FuncType, env: TypeEnv, local: Local = emptyLocal(), self?: VType): FuncT {
  const params = f.params.map((p) => ({ name: p.id.name, type: valueType(p.type, env, local) }));
  return {
    kind: 'func',
    async: false,
    params: self ? [{ name: 'self', type: self }, ...params] : params,
    result: f.result ? valueType(f.result, env, local) : null,
  };
}

function useTypes(use: A.UseDecl, env: TypeEnv, local: Local): void {
  if (use.path.kind !== 'ident') throw new NotImplementedError(`\`use ${use.path.path.text}\` in a WAC import type`);
  const source = env.get(use.path.ident.name);
  if (source?.kind !== 'interface') throw new NotImplementedError(`\`use ${use.path.ident.name}\` of something that is not an interface`);
  const sourceLocal = emptyLocal();
  for (const item of source.items) {
    if (item.kind === 'use') useTypes(item, env, sourceLocal);
    else if (item.kind !== 'interface-export') sourceLocal.decls.set(item.id.name, item);
  }
  for (const u of use.items) {
    const decl = sourceLocal.decls.get(u.id.name);
    if (decl?.kind === 'resource') throw new NotImplementedError(`Using resource \`${u.id.name}\` from another interface`);
    const t = sourceLocal.used.get(u.id.name) ?? (decl ? declType(decl, env, sourceLocal) : undefined);
    if (!t) throw new NotImplementedError(`Type \`${u.id.name}\` of interface \`${use.path.ident.name}\``);
    local.used.set((u.as ?? u.id).name, t);
  }
}

export function interfaceType(items: A.InterfaceItem[], env: TypeEnv): InstanceT {
  const local = emptyLocal();
  const exports = new Map<string, ExternT>();
  const declared: Resource[] = [];
  for (const item of items) {
    if (item.kind === 'use') useTypes(item, env, local);
    else if (item.kind !== 'interface-export') {
      local.decls.set(item.id.name, item);
      if (item.kind === 'resource') {
        const r = newResource(item.id.name);
        local.resources.set(item.id.name, r);
        declared.push(r);
      }
    }
  }
  for (const [name, t] of local.used) exports.set(name, { kind: 'type', type: t });
  for (const item of items) {
    if (item.kind === 'use') continue;
    if (item.kind === 'interface-export') {
      if (item.type.kind === 'func') exports.set(item.id.name, funcType(item.type.func, env, local));
      else {
        const alias = local.decls.get(item.type.ident.name) ?? env.get(item.type.ident.name);
        if (alias?.kind !== 'alias' || alias.target.kind !== 'func')
          throw new NotImplementedError(`Function type \`${item.type.ident.name}\``);
        exports.set(item.id.name, funcType(alias.target.func, env, local));
      }
    } else if (item.kind === 'resource') {
      const r = local.resources.get(item.id.name) as Resource;
      const own: VType = { kind: 'own', resource: r };
      exports.set(item.id.name, { kind: 'type', type: r });
      for (const m of item.methods) {
        if (m.kind === 'constructor') {
          exports.set(`[constructor]${item.id.name}`, { ...funcType({ params: m.params, span: m.span }, env, local), result: own });
        } else if (m.isStatic) {
          exports.set(`[static]${item.id.name}.${m.id.name}`, funcType(m.func, env, local));
        } else {
          exports.set(`[method]${item.id.name}.${m.id.name}`, funcType(m.func, env, local, { kind: 'borrow', resource: r }));
        }
      }
    } else if (item.kind !== 'alias') {
      exports.set(item.id.name, { kind: 'type', type: declType(item, env, local) });
    } else if (item.target.kind === 'type') {
      exports.set(item.id.name, { kind: 'type', type: declType(item, env, local) });
    }
  }
  return { kind: 'instance', exports, declared };
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
