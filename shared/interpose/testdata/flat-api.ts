/**
 * `test:flat/api@1.0.0` implemented in WAT: one function per flattening case
 * of the canonical ABI, each result depending on `tag` (0 for the stable
 * implementation, 1 for the canary) so that a test sees which one answered.
 *
 *   add(a: u32, b: u32) -> u32                      a + b + tag                 flat in, flat out
 *   mix(s8, u16, s64, f32, f64, char, bool) -> f64  the sum, + tag              every primitive flat
 *   sixteen(16 × u32) -> u32                        sum + tag                   exactly MAX_FLAT_PARAMS
 *   wide(17 × u32) -> u32                           sum + tag                   parameters through memory
 *   pair(a: u64, b: f32) -> tuple<u64, f32>         (a + tag, 2b)               results through memory
 *   echo(s: string) -> string                       s ++ ("0" | "1")            strings both ways
 *   sum(xs: list<u32>) -> u64                       sum + tag                   list in
 *   range(n: u32) -> list<u32>                      [tag, tag + 1, …]           list out
 *   move(p: point, d: s32) -> point                 (x + d, y + d + tag)        record in and out
 *   area(s: shape) -> f64                           by case, + tag              variant in (joined f32/i32)
 *   grow(s: shape) -> shape                         by case                     variant out, string in a case
 *   num-value(n: num) -> f64                        by case, + tag              variant joined to i64
 *   next(c: color) -> color                         (c + 1 + tag) mod 3         enum
 *   toggle(p: perms) -> perms                       p xor (1 + tag)             flags
 *   find(xs: list<string>, x: string) -> option<u32> index (+ 100 tag)          option out, list of strings in
 *   check(x: u32) -> result<u32, string>            odd: err("odd"), else ok(x + tag)
 *   ok(x: u32) -> result                            odd: err                    result with no payloads (flat)
 *   older(p: person) -> person                      name ++ tag char, age + tag nested record, strings, lists
 *   ping()                                          nothing                     no parameters, no result
 */

export const FLAT_API = 'test:flat/api@1.0.0';

const u32s = (n: number, prefix = 'a') => Array.from({ length: n }, (_, i) => `(param "${prefix}${i + 1}" u32)`).join(' ');
const coreI32s = (n: number) => Array.from({ length: n }, () => 'i32').join(' ');
const sumLocals = (n: number) =>
  Array.from({ length: n }, (_, i) => `(local.get ${i})`).reduce((acc, x) => (acc === '' ? x : `(i32.add ${acc} ${x})`), '');

export function flatApiWat(tag: 0 | 1): string {
  const T = tag;
  const opts = '(memory (core memory $i "mem")) (realloc (core func $i "realloc"))';
  const post = (kind: string) => `(post-return (core func $i "post-${kind}"))`;
  return `(component
  (type $point (record (field "x" s32) (field "y" s32)))
  (type $shape (variant (case "circle" f32) (case "rect" $point) (case "label" string) (case "none")))
  (type $num (variant (case "small" u32) (case "big" u64) (case "real" f64)))
  (type $color (enum "red" "green" "blue"))
  (type $perms (flags "read" "write" "exec"))
  (type $strings (list string))
  (type $person (record (field "name" string) (field "age" u8) (field "tags" $strings)))
  (type $u32s (list u32))
  (type $pairt (tuple u64 f32))
  (type $optu32 (option u32))
  (type $checkt (result u32 (error string)))
  (type $okt (result))
  (core module $m
    (memory (export "mem") 1)
    (global $heap (mut i32) (i32.const 1024))
    (data (i32.const 100) "odd")
    (func $realloc (export "realloc") (param $old i32) (param $oldsz i32) (param $align i32) (param $new i32) (result i32)
      (local $p i32)
      (local.set $p (i32.and (i32.add (global.get $heap) (i32.sub (local.get $align) (i32.const 1))) (i32.sub (i32.const 0) (local.get $align))))
      (global.set $heap (i32.add (local.get $p) (local.get $new)))
      (if (i32.gt_u (global.get $heap) (i32.shl (memory.size) (i32.const 16)))
        (then (drop (memory.grow (i32.add (i32.shr_u (i32.sub (global.get $heap) (i32.shl (memory.size) (i32.const 16))) (i32.const 16)) (i32.const 1))))))
      (if (local.get $old) (then (memory.copy (local.get $p) (local.get $old) (local.get $oldsz))))
      (local.get $p))
    ;; a copy of (p, n) with one more byte, the tag's digit
    (func $tagged (param $p i32) (param $n i32) (result i32)
      (local $q i32)
      (local.set $q (call $realloc (i32.const 0) (i32.const 0) (i32.const 1) (i32.add (local.get $n) (i32.const 1))))
      (memory.copy (local.get $q) (local.get $p) (local.get $n))
      (i32.store8 (i32.add (local.get $q) (local.get $n)) (i32.const ${48 + T}))
      (local.get $q))
    (func (export "post-i32") (param i32) (global.set $heap (i32.const 1024)))
    (func (export "post-i64") (param i64) (global.set $heap (i32.const 1024)))
    (func (export "post-f64") (param f64) (global.set $heap (i32.const 1024)))
    (func (export "add") (param i32 i32) (result i32) (i32.add (i32.add (local.get 0) (local.get 1)) (i32.const ${T})))
    (func (export "mix") (param $a i32) (param $b i32) (param $c i64) (param $d f32) (param $e f64) (param $f i32) (param $g i32) (result f64)
      (f64.add
        (f64.add (f64.add (f64.convert_i32_s (local.get $a)) (f64.convert_i32_u (local.get $b)))
                 (f64.add (f64.convert_i64_s (local.get $c)) (f64.promote_f32 (local.get $d))))
        (f64.add (f64.add (local.get $e) (f64.convert_i32_u (local.get $f)))
                 (f64.add (f64.convert_i32_u (local.get $g)) (f64.const ${T})))))
    (func (export "sixteen") (param ${coreI32s(16)}) (result i32) (i32.add ${sumLocals(16)} (i32.const ${T})))
    (func (export "wide") (param $p i32) (result i32)
      (local $i i32) (local $acc i32)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (i32.const 17)))
        (local.set $acc (i32.add (local.get $acc) (i32.load (i32.add (local.get $p) (i32.mul (local.get $i) (i32.const 4))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.add (local.get $acc) (i32.const ${T})))
    (func (export "pair") (param $a i64) (param $b f32) (result i32)
      (i64.store (i32.const 32) (i64.add (local.get $a) (i64.const ${T})))
      (f32.store (i32.const 40) (f32.mul (local.get $b) (f32.const 2)))
      (i32.const 32))
    (func (export "echo") (param $p i32) (param $n i32) (result i32)
      (i32.store (i32.const 32) (call $tagged (local.get $p) (local.get $n)))
      (i32.store (i32.const 36) (i32.add (local.get $n) (i32.const 1)))
      (i32.const 32))
    (func (export "sum") (param $p i32) (param $n i32) (result i64)
      (local $i i32) (local $acc i64)
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $acc (i64.add (local.get $acc) (i64.extend_i32_u (i32.load (i32.add (local.get $p) (i32.mul (local.get $i) (i32.const 4)))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i64.add (local.get $acc) (i64.const ${T})))
    (func (export "range") (param $n i32) (result i32)
      (local $q i32) (local $i i32)
      (local.set $q (call $realloc (i32.const 0) (i32.const 0) (i32.const 4) (i32.mul (local.get $n) (i32.const 4))))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
        (i32.store (i32.add (local.get $q) (i32.mul (local.get $i) (i32.const 4))) (i32.add (local.get $i) (i32.const ${T})))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.store (i32.const 32) (local.get $q))
      (i32.store (i32.const 36) (local.get $n))
      (i32.const 32))
    (func (export "move") (param $x i32) (param $y i32) (param $d i32) (result i32)
      (i32.store (i32.const 32) (i32.add (local.get $x) (local.get $d)))
      (i32.store (i32.const 36) (i32.add (i32.add (local.get $y) (local.get $d)) (i32.const ${T})))
      (i32.const 32))
    ;; shape: circle(f32 bits in $a) | rect(x=$a, y=$b) | label(ptr=$a, len=$b) | none
    (func (export "area") (param $disc i32) (param $a i32) (param $b i32) (result f64)
      (f64.add (f64.const ${T})
        (if (result f64) (i32.eq (local.get $disc) (i32.const 0))
          (then (f64.promote_f32 (f32.mul (f32.reinterpret_i32 (local.get $a)) (f32.reinterpret_i32 (local.get $a)))))
          (else (if (result f64) (i32.eq (local.get $disc) (i32.const 1))
            (then (f64.convert_i32_s (i32.mul (local.get $a) (local.get $b))))
            (else (if (result f64) (i32.eq (local.get $disc) (i32.const 2))
              (then (f64.convert_i32_u (local.get $b)))
              (else (f64.const 0)))))))))
    ;; shape in memory: disc u8 @0, payload @4 (circle f32; rect x, y; label ptr, len): 12 bytes
    (func (export "grow") (param $disc i32) (param $a i32) (param $b i32) (result i32)
      (i32.store8 (i32.const 32) (local.get $disc))
      (if (i32.eq (local.get $disc) (i32.const 0))
        (then (f32.store (i32.const 36) (f32.mul (f32.reinterpret_i32 (local.get $a)) (f32.const 2)))))
      (if (i32.eq (local.get $disc) (i32.const 1))
        (then (i32.store (i32.const 36) (i32.add (local.get $a) (i32.const ${T}))) (i32.store (i32.const 40) (local.get $b))))
      (if (i32.eq (local.get $disc) (i32.const 2))
        (then (i32.store (i32.const 36) (call $tagged (local.get $a) (local.get $b))) (i32.store (i32.const 40) (i32.add (local.get $b) (i32.const 1)))))
      (i32.const 32))
    (func (export "num-value") (param $disc i32) (param $v i64) (result f64)
      (f64.add (f64.const ${T})
        (if (result f64) (i32.eq (local.get $disc) (i32.const 0))
          (then (f64.convert_i32_u (i32.wrap_i64 (local.get $v))))
          (else (if (result f64) (i32.eq (local.get $disc) (i32.const 1))
            (then (f64.convert_i64_u (local.get $v)))
            (else (f64.reinterpret_i64 (local.get $v))))))))
    (func (export "next") (param i32) (result i32) (i32.rem_u (i32.add (local.get 0) (i32.const ${1 + T})) (i32.const 3)))
    (func (export "toggle") (param i32) (result i32) (i32.xor (local.get 0) (i32.const ${1 + T})))
    ;; option<u32> in memory: disc u8 @0, u32 @4
    (func (export "find") (param $lp i32) (param $ln i32) (param $sp i32) (param $sn i32) (result i32)
      (local $i i32) (local $e i32) (local $j i32) (local $same i32)
      (i32.store8 (i32.const 32) (i32.const 0))
      (block $done (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $ln)))
        (local.set $e (i32.add (local.get $lp) (i32.mul (local.get $i) (i32.const 8))))
        (if (i32.eq (i32.load offset=4 (local.get $e)) (local.get $sn))
          (then
            (local.set $same (i32.const 1))
            (local.set $j (i32.const 0))
            (block $cmp (loop $byte
              (br_if $cmp (i32.ge_u (local.get $j) (local.get $sn)))
              (if (i32.ne (i32.load8_u (i32.add (i32.load (local.get $e)) (local.get $j))) (i32.load8_u (i32.add (local.get $sp) (local.get $j))))
                (then (local.set $same (i32.const 0)) (br $cmp)))
              (local.set $j (i32.add (local.get $j) (i32.const 1)))
              (br $byte)))
            (if (local.get $same)
              (then
                (i32.store8 (i32.const 32) (i32.const 1))
                (i32.store (i32.const 36) (i32.add (local.get $i) (i32.const ${100 * T})))
                (br $done)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $next)))
      (i32.const 32))
    ;; result<u32, string> in memory: disc u8 @0, ok u32 @4 | err (ptr, len) @4
    (func (export "check") (param $x i32) (result i32)
      (if (i32.and (local.get $x) (i32.const 1))
        (then (i32.store8 (i32.const 32) (i32.const 1)) (i32.store (i32.const 36) (i32.const 100)) (i32.store (i32.const 40) (i32.const 3)))
        (else (i32.store8 (i32.const 32) (i32.const 0)) (i32.store (i32.const 36) (i32.add (local.get $x) (i32.const ${T})))))
      (i32.const 32))
    (func (export "ok") (param $x i32) (result i32) (i32.and (local.get $x) (i32.const 1)))
    ;; person in memory: name (ptr, len) @0, age u8 @8, tags (ptr, len) @12
    (func (export "older") (param $np i32) (param $nn i32) (param $age i32) (param $tp i32) (param $tn i32) (result i32)
      (i32.store (i32.const 32) (call $tagged (local.get $np) (local.get $nn)))
      (i32.store (i32.const 36) (i32.add (local.get $nn) (i32.const 1)))
      (i32.store8 (i32.const 40) (i32.add (local.get $age) (i32.const ${T})))
      (i32.store (i32.const 44) (local.get $tp))
      (i32.store (i32.const 48) (local.get $tn))
      (i32.const 32))
    (func (export "ping")))
  (core instance $i (instantiate $m))
  (func $add (param "a" u32) (param "b" u32) (result u32) (canon lift (core func $i "add")))
  (func $mix (param "a" s8) (param "b" u16) (param "c" s64) (param "d" f32) (param "e" f64) (param "f" char) (param "g" bool) (result f64)
    (canon lift (core func $i "mix")))
  (func $sixteen ${u32s(16)} (result u32) (canon lift (core func $i "sixteen")))
  (func $wide ${u32s(17)} (result u32) (canon lift (core func $i "wide") ${opts} ${post('i32')}))
  (func $pair (param "a" u64) (param "b" f32) (result $pairt) (canon lift (core func $i "pair") ${opts}))
  (func $echo (param "s" string) (result string) (canon lift (core func $i "echo") ${opts} ${post('i32')}))
  (func $sum (param "xs" $u32s) (result u64) (canon lift (core func $i "sum") ${opts} ${post('i64')}))
  (func $range (param "n" u32) (result $u32s) (canon lift (core func $i "range") ${opts} ${post('i32')}))
  (func $move (param "p" $point) (param "d" s32) (result $point) (canon lift (core func $i "move") ${opts}))
  (func $area (param "s" $shape) (result f64) (canon lift (core func $i "area") ${opts} ${post('f64')}))
  (func $grow (param "s" $shape) (result $shape) (canon lift (core func $i "grow") ${opts} ${post('i32')}))
  (func $num-value (param "n" $num) (result f64) (canon lift (core func $i "num-value")))
  (func $next (param "c" $color) (result $color) (canon lift (core func $i "next")))
  (func $toggle (param "p" $perms) (result $perms) (canon lift (core func $i "toggle")))
  (func $find (param "xs" $strings) (param "x" string) (result $optu32) (canon lift (core func $i "find") ${opts} ${post('i32')}))
  (func $check (param "x" u32) (result $checkt) (canon lift (core func $i "check") ${opts}))
  (func $ok (param "x" u32) (result $okt) (canon lift (core func $i "ok")))
  (func $older (param "p" $person) (result $person) (canon lift (core func $i "older") ${opts} ${post('i32')}))
  (func $ping (canon lift (core func $i "ping")))
  (instance $api
    (export "point" (type $point))
    (export "shape" (type $shape))
    (export "num" (type $num))
    (export "color" (type $color))
    (export "perms" (type $perms))
    (export "person" (type $person))
    (export "add" (func $add))
    (export "mix" (func $mix))
    (export "sixteen" (func $sixteen))
    (export "wide" (func $wide))
    (export "pair" (func $pair))
    (export "echo" (func $echo))
    (export "sum" (func $sum))
    (export "range" (func $range))
    (export "move" (func $move))
    (export "area" (func $area))
    (export "grow" (func $grow))
    (export "num-value" (func $num-value))
    (export "next" (func $next))
    (export "toggle" (func $toggle))
    (export "find" (func $find))
    (export "check" (func $check))
    (export "ok" (func $ok))
    (export "older" (func $older))
    (export "ping" (func $ping)))
  (export "${FLAT_API}" (instance $api))
)`;
}
