import { describe, expect, it } from 'vitest';
import { checkSubtype, isSubtype, TypeMismatchError } from './subtype.ts';
import { type ExternT, type FuncT, type InstanceT, newResource, Substitution, type VType } from './types.ts';

const u32: VType = { kind: 'prim', name: 'u32' };
const str: VType = { kind: 'prim', name: 'string' };
const func = (params: [string, VType][], result: VType | null = null): FuncT => ({
  kind: 'func',
  async: false,
  params: params.map(([name, type]) => ({ name, type })),
  result,
});
const inst = (exports: [string, ExternT][]): InstanceT => ({ kind: 'instance', exports: new Map(exports), declared: [] });
const record = (fields: [string, VType][]): ExternT => ({
  kind: 'value',
  type: { kind: 'record', fields: fields.map(([name, type]) => ({ name, type })) },
});
const r1 = newResource('r');
const r2 = newResource('r');

describe('subtyping', () => {
  const table: [string, ExternT, ExternT, boolean][] = [
    ['same primitive function', func([['a', u32]], str), func([['a', u32]], str), true],
    ['parameter name differs', func([['a', u32]]), func([['b', u32]]), false],
    ['parameter type differs', func([['a', u32]]), func([['a', str]]), false],
    [
      'extra parameter',
      func([
        ['a', u32],
        ['b', u32],
      ]),
      func([['a', u32]]),
      false,
    ],
    ['result missing', func([]), func([], u32), false],
    [
      'instance with more exports',
      inst([
        ['f', func([])],
        ['g', func([])],
      ]),
      inst([['f', func([])]]),
      true,
    ],
    ['instance missing an export', inst([['g', func([])]]), inst([['f', func([])]]), false],
    [
      'records with fields in another order (the validator requires the order)',
      record([
        ['x', u32],
        ['y', str],
      ]),
      record([
        ['y', str],
        ['x', u32],
      ]),
      false,
    ],
    [
      'records with the same fields',
      record([
        ['x', u32],
        ['y', str],
      ]),
      record([
        ['x', u32],
        ['y', str],
      ]),
      true,
    ],
    ['record field type differs', record([['x', u32]]), record([['x', str]]), false],
    ['record field name differs', record([['x', u32]]), record([['z', u32]]), false],
    [
      'variant with cases in another order',
      {
        kind: 'type',
        type: {
          kind: 'variant',
          cases: [
            { name: 'a', type: null },
            { name: 'b', type: u32 },
          ],
        },
      },
      {
        kind: 'type',
        type: {
          kind: 'variant',
          cases: [
            { name: 'b', type: u32 },
            { name: 'a', type: null },
          ],
        },
      },
      false,
    ],
    [
      'variant with the same cases',
      {
        kind: 'type',
        type: {
          kind: 'variant',
          cases: [
            { name: 'a', type: null },
            { name: 'b', type: u32 },
          ],
        },
      },
      {
        kind: 'type',
        type: {
          kind: 'variant',
          cases: [
            { name: 'a', type: null },
            { name: 'b', type: u32 },
          ],
        },
      },
      true,
    ],
    [
      'enum order matters',
      { kind: 'type', type: { kind: 'enum', names: ['a', 'b'] } },
      { kind: 'type', type: { kind: 'enum', names: ['b', 'a'] } },
      false,
    ],
    ['same resource', func([['h', { kind: 'own', resource: r1 }]]), func([['h', { kind: 'own', resource: r1 }]]), true],
    [
      'different resources with the same name',
      func([['h', { kind: 'own', resource: r1 }]]),
      func([['h', { kind: 'own', resource: r2 }]]),
      false,
    ],
    ['own is not borrow', func([['h', { kind: 'own', resource: r1 }]]), func([['h', { kind: 'borrow', resource: r1 }]]), false],
    [
      'list of u32 vs list of string',
      { kind: 'value', type: { kind: 'list', element: u32, length: null } },
      { kind: 'value', type: { kind: 'list', element: str, length: null } },
      false,
    ],
    [
      'fixed-size lengths differ',
      { kind: 'value', type: { kind: 'list', element: u32, length: 2 } },
      { kind: 'value', type: { kind: 'list', element: u32, length: 3 } },
      false,
    ],
    ['func is not an instance', func([]), inst([]), false],
  ];
  for (const [name, actual, expected, ok] of table) {
    it(`${name}: ${ok ? 'fits' : 'does not fit'}`, () => {
      expect(isSubtype(actual, expected)).toBe(ok);
    });
  }

  it('binds an imported resource to the argument resource and then requires it', () => {
    const imported = newResource('counter');
    const expected = inst([
      ['counter', { kind: 'type', type: imported }],
      ['make', func([], { kind: 'own', resource: imported })],
    ]);
    const good = inst([
      ['counter', { kind: 'type', type: r1 }],
      ['make', func([], { kind: 'own', resource: r1 })],
    ]);
    const bad = inst([
      ['counter', { kind: 'type', type: r1 }],
      ['make', func([], { kind: 'own', resource: r2 })],
    ]);
    const s = new Substitution();
    checkSubtype(good, expected, { subst: s, bindable: new Set([imported]) });
    expect(s.resource(imported)).toBe(r1);
    let err: unknown;
    try {
      checkSubtype(bad, expected, { subst: new Substitution(), bindable: new Set([imported]) }, ['x:y/z']);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(TypeMismatchError);
    expect((err as TypeMismatchError).path).toEqual(['x:y/z', 'make', 'result']);
  });
});
