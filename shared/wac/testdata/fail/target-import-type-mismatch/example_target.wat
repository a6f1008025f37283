(component
  (type $w (component
    (type $world (component
      (export "run" (func (param "x" u32) (result u32)))))
    (export "example:target/runner" (component (type $world)))))
  (export "runner" (type $w))
  (type $i (component
    (type $inst (instance
      (export "f" (func))))
    (export "example:target/iface" (instance (type $inst)))))
  (export "iface" (type $i))
  (type $w2 (component
    (type $world (component
      (import "double" (func (param "x" u64) (result u64)))
      (export "example:math/calc" (instance
        (export "quad" (func (param "x" u32) (result u32)))))))
    (export "example:target/quadder" (component (type $world)))))
  (export "quadder" (type $w2))
  (type $w3 (component
    (type $world (component
      (export "run" (func (param "x" string) (result u32)))))
    (export "example:target/string-runner" (component (type $world)))))
  (export "string-runner" (type $w3))
  (type $m (component
    (type $inst (instance
      (export "add" (func (param "a" u32) (param "b" u32) (result u32)))))
    (export "example:target/math" (instance (type $inst)))))
  (export "math" (type $m))
)
