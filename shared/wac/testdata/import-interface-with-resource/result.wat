(component
  (type (;0;)
    (instance
      (export (;0;) "counter" (type (sub resource)))
      (type (;1;) (own 0))
      (type (;2;) (func (param "start" u32) (result 1)))
      (export (;0;) "make" (func (type 2)))
      (type (;3;) (borrow 0))
      (type (;4;) (func (param "c" 3) (result u32)))
      (export (;1;) "incr" (func (type 4)))
    )
  )
  (import "test:demo/counters" (instance (;0;) (type 0)))
  (type (;1;)
    (component
      (type (;0;)
        (instance
          (export (;0;) "counter" (type (sub resource)))
          (type (;1;) (own 0))
          (type (;2;) (func (param "start" u32) (result 1)))
          (export (;0;) "make" (func (type 2)))
          (type (;3;) (borrow 0))
          (type (;4;) (func (param "c" 3) (result u32)))
          (export (;1;) "incr" (func (type 4)))
        )
      )
      (export (;0;) "test:composition/counter-api" (instance (type 0)))
    )
  )
  (component $test:counter-user (;0;)
    (type (;0;)
      (instance
        (export (;0;) "counter" (type (sub resource)))
        (type (;1;) (own 0))
        (type (;2;) (func (param "start" u32) (result 1)))
        (export (;0;) "make" (func (type 2)))
        (type (;3;) (borrow 0))
        (type (;4;) (func (param "c" 3) (result u32)))
        (export (;1;) "incr" (func (type 4)))
      )
    )
    (import "test:demo/counters" (instance $ci (;0;) (type 0)))
    (alias export $ci "counter" (type $ct (;1;)))
    (alias export $ci "make" (func $make (;0;)))
    (alias export $ci "incr" (func $incr (;1;)))
    (core func $make_l (;0;) (canon lower (func $make)))
    (core func $incr_l (;1;) (canon lower (func $incr)))
    (core func $drop (;2;) (canon resource.drop $ct))
    (core module $m (;0;)
      (type (;0;) (func (param i32) (result i32)))
      (type (;1;) (func (param i32)))
      (import "c" "make" (func $make (;0;) (type 0)))
      (import "c" "incr" (func $incr (;1;) (type 0)))
      (import "c" "drop" (func $drop (;2;) (type 1)))
      (export "run" (func 3))
      (func (;3;) (type 0) (param $start i32) (result i32)
        (local $h i32) (local $v i32)
        local.get $start
        call $make
        local.set $h
        local.get $h
        call $incr
        drop
        local.get $h
        call $incr
        local.set $v
        local.get $h
        call $drop
        local.get $v
        i32.const 1000
        i32.add
      )
    )
    (core instance (;0;)
      (export "make" (func $make_l))
      (export "incr" (func $incr_l))
      (export "drop" (func $drop))
    )
    (core instance $i (;1;) (instantiate $m
        (with "c" (instance 0))
      )
    )
    (type (;2;) (func (param "start" u32) (result u32)))
    (alias core export $i "run" (core func (;3;)))
    (func $run (;2;) (type 2) (canon lift (core func 3)))
    (instance $out (;1;)
      (export "run" (func $run))
    )
    (export (;2;) "test:demo/runner" (instance $out))
  )
  (instance $user (;1;) (instantiate $test:counter-user
      (with "test:demo/counters" (instance 0))
    )
  )
  (export (;2;) "counter-api" (type 1))
  (alias export $user "test:demo/runner" (instance (;2;)))
  (export (;3;) "test:demo/runner" (instance 2))
)

