(component
  (import "double" (func $double (param "x" u32) (result u32)))
  (core func $d (canon lower (func $double)))
  (core module $m
    (import "host" "double" (func $d (param i32) (result i32)))
    (func (export "quad") (param i32) (result i32)
      local.get 0
      call $d
      call $d))
  (core instance $host (export "double" (func $d)))
  (core instance $i (instantiate $m (with "host" (instance $host))))
  (func $quad (param "x" u32) (result u32) (canon lift (core func $i "quad")))
  (instance $calc (export "quad" (func $quad)))
  (export "example:math/calc" (instance $calc))
)
