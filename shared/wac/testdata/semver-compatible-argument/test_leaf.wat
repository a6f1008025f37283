(component
  (core module $m
    
    (memory (export "mem") 1)
    (global $heap (mut i32) (i32.const 1024))
    (func $realloc (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $p i32)
      global.get $heap
      local.get 2
      i32.add
      i32.const 1
      i32.sub
      i32.const 0
      local.get 2
      i32.sub
      i32.and
      local.set $p
      local.get $p
      local.get 3
      i32.add
      global.set $heap
      ;; grow memory when needed
      (block $ok
        global.get $heap
        memory.size
        i32.const 16
        i32.shl
        i32.le_u
        br_if $ok
        global.get $heap
        i32.const 16
        i32.shr_u
        i32.const 1
        i32.add
        memory.size
        i32.sub
        memory.grow
        drop)
      local.get $p)
    ;; writes prefix ++ s ++ ")" into fresh memory, stores (ptr,len) at 8 and returns 8
    (func $wrap (param $pre i32) (param $prelen i32) (param $s i32) (param $len i32) (result i32)
      (local $out i32) (local $total i32)
      local.get $prelen
      local.get $len
      i32.add
      i32.const 1
      i32.add
      local.set $total
      i32.const 0
      i32.const 0
      i32.const 1
      local.get $total
      call $realloc
      local.set $out
      local.get $out
      local.get $pre
      local.get $prelen
      memory.copy
      local.get $out
      local.get $prelen
      i32.add
      local.get $s
      local.get $len
      memory.copy
      local.get $out
      local.get $total
      i32.add
      i32.const 1
      i32.sub
      i32.const 41
      i32.store8
      i32.const 8
      local.get $out
      i32.store
      i32.const 12
      local.get $total
      i32.store
      i32.const 8)
    (func $sum (param $p i32) (param $n i32) (result i32)
      (local $acc i32)
      (block $done
        (loop $next
          local.get $n
          i32.eqz
          br_if $done
          local.get $acc
          local.get $p
          i32.load
          i32.add
          local.set $acc
          local.get $p
          i32.const 4
          i32.add
          local.set $p
          local.get $n
          i32.const 1
          i32.sub
          local.set $n
          br $next))
      local.get $acc)

    (data (i32.const 64) "leaf(")
    (func (export "label") (param i32 i32) (result i32)
      i32.const 64 i32.const 5 local.get 0 local.get 1 call $wrap)
    (func (export "total") (param i32 i32) (result i32)
      local.get 0 local.get 1 call $sum i32.const 5 i32.add))
  (core instance $i (instantiate $m))
  (type $ls (list u32))
  (func $label (param "s" string) (result string)
    (canon lift (core func $i "label") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func $total (param "xs" $ls) (result u32)
    (canon lift (core func $i "total") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (instance $out (export "label" (func $label)) (export "total" (func $total)))
  (export "test:demo/text@0.1.2" (instance $out))
)
