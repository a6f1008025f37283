(component
  (import "example:math/adder" (instance $adder
    (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
  (core func $add (canon lower (func $adder "add")))
  (core module $m
    (import "host" "add" (func $add (param i32 i32) (result i32)))
    (func (export "run") (param i32) (result i32)
      local.get 0
      local.get 0
      call $add))
  (core instance $host (export "add" (func $add)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $run (param "x" u32) (result u32) (canon lift (core func $i "run")))
  (export "run" (func $run))
)
