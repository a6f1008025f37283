(component
  (import "test:demo/counters" (instance $ci
    (export "counter" (type (sub resource)))
    (export "make" (func (param "start" u32) (result (own 0))))
    (export "incr" (func (param "c" (borrow 0)) (result u32)))))
  (alias export $ci "counter" (type $ct))
  (alias export $ci "make" (func $make))
  (alias export $ci "incr" (func $incr))
  (core func $make_l (canon lower (func $make)))
  (core func $incr_l (canon lower (func $incr)))
  (core func $drop (canon resource.drop $ct))
  (core module $m
    (import "c" "make" (func $make (param i32) (result i32)))
    (import "c" "incr" (func $incr (param i32) (result i32)))
    (import "c" "drop" (func $drop (param i32)))
    (func (export "run") (param $start i32) (result i32)
      (local $h i32) (local $v i32)
      local.get $start call $make local.set $h
      local.get $h call $incr drop
      local.get $h call $incr local.set $v
      local.get $h call $drop
      local.get $v i32.const 1000 i32.add))
  (core instance $i (instantiate $m (with "c" (instance (export "make" (func $make_l)) (export "incr" (func $incr_l)) (export "drop" (func $drop))))))
  (func $run (param "start" u32) (result u32) (canon lift (core func $i "run")))
  (instance $out (export "run" (func $run)))
  (export "test:demo/runner" (instance $out))
)
