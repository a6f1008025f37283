(component
  (type $c (resource (rep i32)))
  (core func $new (canon resource.new $c))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (memory 1)
    (global $next (mut i32) (i32.const 16))
    (func (export "make") (param $start i32) (result i32)
      (local $rep i32)
      global.get $next local.set $rep
      global.get $next i32.const 4 i32.add global.set $next
      local.get $rep local.get $start i32.store
      local.get $rep call $new)
    (func (export "incr") (param $rep i32) (result i32)
      local.get $rep local.get $rep i32.load i32.const 10 i32.add i32.store
      local.get $rep i32.load))
  (core instance $i (instantiate $m (with "r" (instance (export "new" (func $new))))))
  (func $make (param "start" u32) (result (own $c)) (canon lift (core func $i "make")))
  (func $incr (param "c" (borrow $c)) (result u32) (canon lift (core func $i "incr")))
  (instance $out (export "counter" (type $c)) (export "make" (func $make)) (export "incr" (func $incr)))
  (export "test:demo/counters" (instance $out))
)
