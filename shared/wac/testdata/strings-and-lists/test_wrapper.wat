(component
  (type $ls (list u32))
  (import "test:demo/text@0.1.0" (instance $inner
    (export "label" (func (param "s" string) (result string)))
    (export "total" (func (param "xs" (list u32)) (result u32)))))
  (core module $m
    (import "inner" "label" (func $inner_label (param i32 i32 i32)))
    (import "inner" "total" (func $inner_total (param i32 i32) (result i32)))
    
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

    (data (i32.const 64) "wrap(")
    (func (export "label") (param i32 i32) (result i32)
      ;; inner.label(s) writes (ptr,len) at 16
      local.get 0 local.get 1 i32.const 16 call $inner_label
      i32.const 64 i32.const 5 i32.const 16 i32.load i32.const 20 i32.load call $wrap)
    (func (export "total") (param $p i32) (param $n i32) (result i32)
      (local $q i32)
      ;; copy xs and append bonus
      i32.const 0 i32.const 0 i32.const 4 local.get $n i32.const 1 i32.add i32.const 4 i32.mul call $realloc
      local.set $q
      local.get $q local.get $p local.get $n i32.const 4 i32.mul memory.copy
      local.get $q local.get $n i32.const 4 i32.mul i32.add i32.const 7 i32.store
      local.get $q local.get $n i32.const 1 i32.add call $inner_total))
  (core module $shim
    (table (export "t") 2 funcref)
    (type $l (func (param i32 i32 i32)))
    (type $t (func (param i32 i32) (result i32)))
    (func (export "label") (type $l) local.get 0 local.get 1 local.get 2 i32.const 0 call_indirect (type $l))
    (func (export "total") (type $t) local.get 0 local.get 1 i32.const 1 call_indirect (type $t)))
  (core instance $s (instantiate $shim))
  (core instance $i (instantiate $m (with "inner" (instance $s))))
  (alias export $inner "label" (func $il))
  (alias export $inner "total" (func $it))
  (core func $low_label (canon lower (func $il) (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (core func $low_total (canon lower (func $it) (memory (core memory $i "mem"))))
  (core module $fill
    (import "" "t" (table 2 funcref))
    (import "" "a" (func $a (param i32 i32 i32)))
    (import "" "b" (func $b (param i32 i32) (result i32)))
    (elem (i32.const 0) func $a $b))
  (core instance (instantiate $fill (with "" (instance (export "t" (table $s "t")) (export "a" (func $low_label)) (export "b" (func $low_total))))))
  (func $label (param "s" string) (result string)
    (canon lift (core func $i "label") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func $total (param "xs" $ls) (result u32)
    (canon lift (core func $i "total") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (instance $out (export "label" (func $label)) (export "total" (func $total)))
  (export "test:demo/text@0.1.0" (instance $out))
)
