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
)
