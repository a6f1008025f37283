(component
  (type (;0;) (func (param "a" u32) (param "b" u32) (result u32)))
  (import "plus" (func (;0;) (type 0)))
  (type (;1;) (func (param "a" u32) (param "b" u32) (result u32)))
  (import "minus" (func (;1;) (type 1)))
  (type (;2;)
    (component
      (type (;0;)
        (instance
          (type (;0;) (func (param "a" u32) (param "b" u32) (result u32)))
          (export (;0;) "sub" (func (type 0)))
        )
      )
      (export (;0;) "example:composition/ops" (instance (type 0)))
    )
  )
  (export (;3;) "ops" (type 2))
  (export (;2;) "add" (func 0))
  (export (;3;) "sub" (func 1))
)

