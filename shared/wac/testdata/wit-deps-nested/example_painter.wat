(component
  (import "example:shapes/geometry@1.0.0" (instance $geo
    (type $c (enum "red" "green" "blue"))
    (export "color" (type $color (eq $c)))
    (type $rect (record (field "width" f64) (field "height" f64) (field "fill" $color)))
    (export "rect" (type $r (eq $rect)))
    (export "area" (func (param "r" $r) (result f64)))))
  (core module $m
    (func (export "render") (result i32) i32.const 3))
  (core instance $i (instantiate $m))
  (func $render (result u32) (canon lift (core func $i "render")))
  (export "render" (func $render))
)
