(component
  (import "example:math/adder" (func (param "a" u32)))
)
