/**
 * Resources defined by another interface, passed through a splitter:
 *
 * - `test:res/types@1.0.0` (the owner, one instance wired to everyone):
 *   `resource counter { constructor(v: u32); get: func() -> u32; add: func(n: u32); }`
 * - `test:res/api@1.0.0` (`use types.{counter}`), implemented twice (tag 0, 1):
 *     make(v: u32) -> own<counter>                   counter(v + 100 tag)
 *     read(c: borrow<counter>) -> u32                c.get() + 1000 tag
 *     bump(c: borrow<counter>, n: u32)               c.add(n + tag)
 *     take(c: own<counter>) -> u32                   c.get(), then drops c
 *     total(cs: list<borrow<counter>>) -> u32        sum of get() + tag
 *     pick(c: option<borrow<counter>>) -> u32        get() or 0, + tag
 * Every implementation drops the borrows it receives before returning, as
 * the canonical ABI requires of a callee that does not own the resource.
 */

export const RES_TYPES = 'test:res/types@1.0.0';
export const RES_API = 'test:res/api@1.0.0';

export const ownerWat = `(component
  (type $counter (resource (rep i32)))
  (core func $new (canon resource.new $counter))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (memory 1)
    (global $next (mut i32) (i32.const 16))
    (func (export "ctor") (param $v i32) (result i32)
      (local $cell i32)
      (local.set $cell (global.get $next))
      (global.set $next (i32.add (global.get $next) (i32.const 4)))
      (i32.store (local.get $cell) (local.get $v))
      (call $new (local.get $cell)))
    (func (export "get") (param $cell i32) (result i32) (i32.load (local.get $cell)))
    (func (export "add") (param $cell i32) (param $n i32) (i32.store (local.get $cell) (i32.add (i32.load (local.get $cell)) (local.get $n)))))
  (core instance $i (instantiate $m (with "r" (instance (export "new" (func $new))))))
  (func $ctor (param "v" u32) (result (own $counter)) (canon lift (core func $i "ctor")))
  (func $get (param "self" (borrow $counter)) (result u32) (canon lift (core func $i "get")))
  (func $add (param "self" (borrow $counter)) (param "n" u32) (canon lift (core func $i "add")))
  ;; exported through a shim (as wit-component does) so that the functions' types name the exported resource
  (component $shim
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-func-ctor" (func $c (param "v" u32) (result (own $r))))
    (import "import-func-get" (func $g (param "self" (borrow $r)) (result u32)))
    (import "import-func-add" (func $a (param "self" (borrow $r)) (param "n" u32)))
    (export $e "counter" (type $r))
    (export "[constructor]counter" (func $c) (func (param "v" u32) (result (own $e))))
    (export "[method]counter.get" (func $g) (func (param "self" (borrow $e)) (result u32)))
    (export "[method]counter.add" (func $a) (func (param "self" (borrow $e)) (param "n" u32))))
  (instance $types (instantiate $shim
    (with "import-type-counter" (type $counter))
    (with "import-func-ctor" (func $ctor))
    (with "import-func-get" (func $get))
    (with "import-func-add" (func $add))))
  (export "${RES_TYPES}" (instance $types))
)`;

export function resApiWat(tag: 0 | 1, dropBorrows = true): string {
  const dropB = (h: string) => (dropBorrows ? `(call $drop ${h})` : '');
  const opts = '(memory (core memory $i "mem")) (realloc (core func $i "realloc"))';
  return `(component
  (import "${RES_TYPES}" (instance $types
    (export "counter" (type (sub resource)))
    (export "[constructor]counter" (func (param "v" u32) (result (own 0))))
    (export "[method]counter.get" (func (param "self" (borrow 0)) (result u32)))
    (export "[method]counter.add" (func (param "self" (borrow 0)) (param "n" u32)))))
  (alias export $types "counter" (type $counter))
  (core func $ctor (canon lower (func $types "[constructor]counter")))
  (core func $get (canon lower (func $types "[method]counter.get")))
  (core func $add (canon lower (func $types "[method]counter.add")))
  (core func $drop (canon resource.drop $counter))
  (core module $m
    (import "t" "ctor" (func $ctor (param i32) (result i32)))
    (import "t" "get" (func $get (param i32) (result i32)))
    (import "t" "add" (func $add (param i32 i32)))
    (import "t" "drop" (func $drop (param i32)))
    (memory (export "mem") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get 2) (i32.const 1))) (i32.sub (i32.const 0) (local.get 2))))
      (global.set $heap (i32.add (local.get $p) (local.get 3)))
      (local.get $p))
    (func (export "post") (param i32) (global.set $heap (i32.const 1024)))
    (func (export "make") (param $v i32) (result i32) (call $ctor (i32.add (local.get $v) (i32.const ${100 * tag}))))
    (func (export "read") (param $c i32) (result i32)
      (local $v i32)
      (local.set $v (call $get (local.get $c)))
      ${dropB('(local.get $c)')}
      (i32.add (local.get $v) (i32.const ${1000 * tag})))
    (func (export "bump") (param $c i32) (param $n i32)
      (call $add (local.get $c) (i32.add (local.get $n) (i32.const ${tag})))
      ${dropB('(local.get $c)')})
    (func (export "take") (param $c i32) (result i32)
      (local $v i32)
      (local.set $v (call $get (local.get $c)))
      (call $drop (local.get $c))
      (local.get $v))
    (func (export "total") (param $p i32) (param $n i32) (result i32)
      (local $i i32) (local $acc i32) (local $h i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $h (i32.load (i32.add (local.get $p) (i32.mul (local.get $i) (i32.const 4)))))
        (local.set $acc (i32.add (local.get $acc) (call $get (local.get $h))))
        ${dropB('(local.get $h)')}
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.add (local.get $acc) (i32.const ${tag})))
    (func (export "pick") (param $disc i32) (param $h i32) (result i32)
      (local $v i32)
      (if (local.get $disc) (then (local.set $v (call $get (local.get $h))) ${dropB('(local.get $h)')}))
      (i32.add (local.get $v) (i32.const ${tag}))))
  (core instance $i (instantiate $m (with "t" (instance
    (export "ctor" (func $ctor)) (export "get" (func $get)) (export "add" (func $add)) (export "drop" (func $drop))))))
  (type $cs (list (borrow $counter)))
  (type $oc (option (borrow $counter)))
  (func $make (param "v" u32) (result (own $counter)) (canon lift (core func $i "make")))
  (func $read (param "c" (borrow $counter)) (result u32) (canon lift (core func $i "read")))
  (func $bump (param "c" (borrow $counter)) (param "n" u32) (canon lift (core func $i "bump")))
  (func $take (param "c" (own $counter)) (result u32) (canon lift (core func $i "take")))
  (func $total (param "cs" $cs) (result u32) (canon lift (core func $i "total") ${opts} (post-return (core func $i "post"))))
  (func $pick (param "c" $oc) (result u32) (canon lift (core func $i "pick")))
  (component $shim
    (import "import-type-counter" (type $r (sub resource)))
    (import "import-func-make" (func $make (param "v" u32) (result (own $r))))
    (import "import-func-read" (func $read (param "c" (borrow $r)) (result u32)))
    (import "import-func-bump" (func $bump (param "c" (borrow $r)) (param "n" u32)))
    (import "import-func-take" (func $take (param "c" (own $r)) (result u32)))
    (import "import-func-total" (func $total (param "cs" (list (borrow $r))) (result u32)))
    (import "import-func-pick" (func $pick (param "c" (option (borrow $r))) (result u32)))
    (export $e "counter" (type $r))
    (export "make" (func $make) (func (param "v" u32) (result (own $e))))
    (export "read" (func $read) (func (param "c" (borrow $e)) (result u32)))
    (export "bump" (func $bump) (func (param "c" (borrow $e)) (param "n" u32)))
    (export "take" (func $take) (func (param "c" (own $e)) (result u32)))
    (export "total" (func $total) (func (param "cs" (list (borrow $e))) (result u32)))
    (export "pick" (func $pick) (func (param "c" (option (borrow $e))) (result u32))))
  (instance $api (instantiate $shim
    (with "import-type-counter" (type $counter))
    (with "import-func-make" (func $make))
    (with "import-func-read" (func $read))
    (with "import-func-bump" (func $bump))
    (with "import-func-take" (func $take))
    (with "import-func-total" (func $total))
    (with "import-func-pick" (func $pick))))
  (export "${RES_API}" (instance $api))
)`;
}

/** An interface that defines its own resource: refused. */
export const ownResourceWat = `(component
  (type $r (resource (rep i32)))
  (core module $m (func (export "f") (param i32) (result i32) local.get 0))
  (core instance $i (instantiate $m))
  (func $get (param "self" (borrow $r)) (result u32) (canon lift (core func $i "f")))
  (instance $x (export "thing" (type $r)) (export "[method]thing.get" (func $get)))
  (export "test:own/api@1.0.0" (instance $x))
)`;

export const RES_DRIVER = 'test:res/driver@1.0.0';

/**
 * A component that calls test:res/api with handles it holds, as a gateway
 * calls a service:
 *   owns(v) -> list<u32>:    c = make(v); [get(c), take(c)]                   (own out, own in)
 *   borrows(v) -> list<u32>: c = make(v); read(c); bump(c, 5); total([c, d, c]) with d = counter(1);
 *                            pick(some c); pick(none); take(c) → [made, read, bumped, total, some, none, taken]
 * (jco 1.35 cannot run `borrows`, with or without a splitter: see resources.test.ts.)
 */
export const driverWat = `(component $root
  (import "${RES_TYPES}" (instance $types
    (export "counter" (type (sub resource)))
    (export "[constructor]counter" (func (param "v" u32) (result (own 0))))
    (export "[method]counter.get" (func (param "self" (borrow 0)) (result u32)))
    (export "[method]counter.add" (func (param "self" (borrow 0)) (param "n" u32)))))
  (alias export $types "counter" (type $counter))
  (import "${RES_API}" (instance $api
    (alias outer $root $counter (type $c))
    (export "counter" (type (eq $c)))
    (export "make" (func (param "v" u32) (result (own $c))))
    (export "read" (func (param "c" (borrow $c)) (result u32)))
    (export "bump" (func (param "c" (borrow $c)) (param "n" u32)))
    (export "take" (func (param "c" (own $c)) (result u32)))
    (export "total" (func (param "cs" (list (borrow $c))) (result u32)))
    (export "pick" (func (param "c" (option (borrow $c))) (result u32)))))
  (core module $mem (memory (export "mem") 1))
  (core instance $mi (instantiate $mem))
  (core func $get (canon lower (func $types "[method]counter.get")))
  (core func $ctor (canon lower (func $types "[constructor]counter")))
  (core func $drop (canon resource.drop $counter))
  (core func $make (canon lower (func $api "make")))
  (core func $read (canon lower (func $api "read")))
  (core func $bump (canon lower (func $api "bump")))
  (core func $total (canon lower (func $api "total") (memory (core memory $mi "mem"))))
  (core func $take (canon lower (func $api "take")))
  (core func $pick (canon lower (func $api "pick")))
  (core module $m
    (import "m" "mem" (memory 1))
    (import "f" "get" (func $get (param i32) (result i32)))
    (import "f" "ctor" (func $ctor (param i32) (result i32)))
    (import "f" "drop" (func $drop (param i32)))
    (import "f" "make" (func $make (param i32) (result i32)))
    (import "f" "read" (func $read (param i32) (result i32)))
    (import "f" "bump" (func $bump (param i32 i32)))
    (import "f" "total" (func $total (param i32 i32) (result i32)))
    (import "f" "take" (func $take (param i32) (result i32)))
    (import "f" "pick" (func $pick (param i32 i32) (result i32)))
    (func (export "owns") (param $v i32) (result i32)
      (local $c i32)
      (local.set $c (call $make (local.get $v)))
      (i32.store (i32.const 256) (call $get (local.get $c)))
      (i32.store (i32.const 260) (call $take (local.get $c)))
      (i32.store (i32.const 128) (i32.const 256))
      (i32.store (i32.const 132) (i32.const 2))
      (i32.const 128))
    (func (export "borrows") (param $v i32) (result i32)
      (local $c i32) (local $d i32)
      (local.set $c (call $make (local.get $v)))
      (i32.store (i32.const 256) (call $get (local.get $c)))
      (i32.store (i32.const 260) (call $read (local.get $c)))
      (call $bump (local.get $c) (i32.const 5))
      (i32.store (i32.const 264) (call $get (local.get $c)))
      (local.set $d (call $ctor (i32.const 1)))
      (i32.store (i32.const 512) (local.get $c))
      (i32.store (i32.const 516) (local.get $d))
      (i32.store (i32.const 520) (local.get $c))
      (i32.store (i32.const 268) (call $total (i32.const 512) (i32.const 3)))
      (i32.store (i32.const 272) (call $pick (i32.const 1) (local.get $c)))
      (i32.store (i32.const 276) (call $pick (i32.const 0) (i32.const 0)))
      (i32.store (i32.const 280) (call $take (local.get $c)))
      (call $drop (local.get $d))
      (i32.store (i32.const 128) (i32.const 256))
      (i32.store (i32.const 132) (i32.const 7))
      (i32.const 128)))
  (core instance $i (instantiate $m
    (with "m" (instance $mi))
    (with "f" (instance
      (export "get" (func $get)) (export "ctor" (func $ctor)) (export "drop" (func $drop))
      (export "make" (func $make)) (export "read" (func $read)) (export "bump" (func $bump))
      (export "total" (func $total)) (export "take" (func $take)) (export "pick" (func $pick))))))
  (func $owns (param "v" u32) (result (list u32)) (canon lift (core func $i "owns") (memory (core memory $mi "mem"))))
  (func $borrows (param "v" u32) (result (list u32)) (canon lift (core func $i "borrows") (memory (core memory $mi "mem"))))
  (instance $out (export "owns" (func $owns)) (export "borrows" (func $borrows)))
  (export "${RES_DRIVER}" (instance $out))
)`;
