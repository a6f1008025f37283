(component
  (import "example:composition/sink" (instance $sink
    (export "output-stream" (type (sub resource)))))
  (core module $m
    (func (export "run") (result i32) i32.const 1))
  (core instance $i (instantiate $m))
  (func $run (result u32) (canon lift (core func $i "run")))
  (export "run" (func $run))
)
