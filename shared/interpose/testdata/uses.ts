/**
 * An interface that `use`s a record from another interface:
 * `test:vt/types` (types only: `record point { x: u32, y: u32 }`), provided by
 * one component; `test:vt/api` (`use types.{point}`; `swap(p: point) -> point`,
 * x and y swapped, `tag` added to the new x) implemented twice.
 */
export const VT_TYPES = 'test:vt/types@1.0.0';
export const VT_API = 'test:vt/api@1.0.0';

export const typesProviderWat = `(component
  (type $p (record (field "x" u32) (field "y" u32)))
  (component $shim (import "import-type-point" (type $i (eq $p))) (export "point" (type $i)))
  (instance $t (instantiate $shim (with "import-type-point" (type $p))))
  (export "${VT_TYPES}" (instance $t))
)`;

export function vtApiWat(tag: number): string {
  return `(component
  (import "${VT_TYPES}" (instance $t (type $pt (record (field "x" u32) (field "y" u32))) (export "point" (type (eq $pt)))))
  (alias export $t "point" (type $point))
  (core module $m
    (memory (export "mem") 1)
    (func (export "swap") (param i32 i32) (result i32)
      (i32.store (i32.const 16) (i32.add (local.get 1) (i32.const ${tag})))
      (i32.store (i32.const 20) (local.get 0))
      (i32.const 16)))
  (core instance $i (instantiate $m))
  (func $swap (param "p" $point) (result $point) (canon lift (core func $i "swap") (memory (core memory $i "mem"))))
  (component $shim
    (import "import-type-point" (type $ip (eq $point)))
    (import "import-func-swap" (func $f (param "p" $ip) (result $ip)))
    (export $e "point" (type $ip))
    (export "swap" (func $f) (func (param "p" $e) (result $e))))
  (instance $api (instantiate $shim (with "import-type-point" (type $point)) (with "import-func-swap" (func $swap))))
  (export "${VT_API}" (instance $api))
)`;
}
