(component
  (type (;0;)
    (component
      (type (;0;)
        (component
          (type (;0;)
            (instance
              (type (;0;) (func (param "a" u32) (param "b" u32) (result u32)))
              (export (;0;) "add" (func (type 0)))
            )
          )
          (import "example:target/math@0.1.0" (instance (;0;) (type 0)))
          (type (;1;) (func (param "x" u32) (result u32)))
          (export (;0;) "run" (func (type 1)))
        )
      )
      (export (;0;) "example:target/runner@0.1.0" (component (type 0)))
    )
  )
  (export (;1;) "runner" (type 0))
)
