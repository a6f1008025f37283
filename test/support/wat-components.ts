/**
 * Real components written in WAT, for composition tests and benchmarks.
 * Each one's behaviour shows in its output, so a composed call proves it went
 * through every component on the way.
 */

/** A bump allocator and helpers shared by the core modules below. */
const ALLOC = `
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
`;

/**
 * `test:demo/text@<version>` exporter: `label(s) -> "<tag>(" ++ s ++ ")"` and
 * `total(xs: list<u32>) -> sum(xs) + bonus`.
 */
export function textLeaf(tag: string, bonus: number, version = '0.1.0'): string {
  const pre = `${tag}(`;
  return `(component
  (core module $m
    ${ALLOC}
    (data (i32.const 64) "${pre}")
    (func (export "label") (param i32 i32) (result i32)
      i32.const 64 i32.const ${pre.length} local.get 0 local.get 1 call $wrap)
    (func (export "total") (param i32 i32) (result i32)
      local.get 0 local.get 1 call $sum i32.const ${bonus} i32.add))
  (core instance $i (instantiate $m))
  (type $ls (list u32))
  (func $label (param "s" string) (result string)
    (canon lift (core func $i "label") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (func $total (param "xs" $ls) (result u32)
    (canon lift (core func $i "total") (memory (core memory $i "mem")) (realloc (core func $i "realloc"))))
  (instance $out (export "label" (func $label)) (export "total" (func $total)))
  (export "test:demo/text@${version}" (instance $out))
)`;
}

/**
 * Imports `test:demo/text@<importVersion>` and exports `test:demo/text@<version>`
 * whose `label(s)` is `"<tag>(" ++ inner.label(s) ++ ")"` and whose `total(xs)`
 * is `inner.total(xs ++ [bonus])`.
 */
export function textWrapper(tag: string, bonus: number, importVersion = '0.1.0', version = '0.1.0'): string {
  const pre = `${tag}(`;
  return `(component
  (type $ls (list u32))
  (import "test:demo/text@${importVersion}" (instance $inner
    (export "label" (func (param "s" string) (result string)))
    (export "total" (func (param "xs" (list u32)) (result u32)))))
  (core module $m
    (import "inner" "label" (func $inner_label (param i32 i32 i32)))
    (import "inner" "total" (func $inner_total (param i32 i32) (result i32)))
    ${ALLOC}
    (data (i32.const 64) "${pre}")
    (func (export "label") (param i32 i32) (result i32)
      ;; inner.label(s) writes (ptr,len) at 16
      local.get 0 local.get 1 i32.const 16 call $inner_label
      i32.const 64 i32.const ${pre.length} i32.const 16 i32.load i32.const 20 i32.load call $wrap)
    (func (export "total") (param $p i32) (param $n i32) (result i32)
      (local $q i32)
      ;; copy xs and append bonus
      i32.const 0 i32.const 0 i32.const 4 local.get $n i32.const 1 i32.add i32.const 4 i32.mul call $realloc
      local.set $q
      local.get $q local.get $p local.get $n i32.const 4 i32.mul memory.copy
      local.get $q local.get $n i32.const 4 i32.mul i32.add i32.const ${bonus} i32.store
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
  (export "test:demo/text@${version}" (instance $out))
)`;
}

/** Exports `test:demo/counters`: `resource counter`, `make(start) -> counter`, `incr(c: borrow<counter>) -> u32` (adds `step`). */
export function counterProvider(step: number): string {
  return `(component
  (type $c (resource (rep i32)))
  (core func $new (canon resource.new $c))
  (core module $m
    (import "r" "new" (func $new (param i32) (result i32)))
    (memory 1)
    (global $next (mut i32) (i32.const 16))
    (func (export "make") (param $start i32) (result i32)
      (local $rep i32)
      global.get $next local.set $rep
      global.get $next i32.const 4 i32.add global.set $next
      local.get $rep local.get $start i32.store
      local.get $rep call $new)
    (func (export "incr") (param $rep i32) (result i32)
      local.get $rep local.get $rep i32.load i32.const ${step} i32.add i32.store
      local.get $rep i32.load))
  (core instance $i (instantiate $m (with "r" (instance (export "new" (func $new))))))
  (func $make (param "start" u32) (result (own $c)) (canon lift (core func $i "make")))
  (func $incr (param "c" (borrow $c)) (result u32) (canon lift (core func $i "incr")))
  (instance $out (export "counter" (type $c)) (export "make" (func $make)) (export "incr" (func $incr)))
  (export "test:demo/counters" (instance $out))
)`;
}

/** Imports `test:demo/counters`; exports `run(start) -> u32`: make, incr twice, drop, add 1000. */
export function counterUser(): string {
  return `(component
  (import "test:demo/counters" (instance $ci
    (export "counter" (type (sub resource)))
    (export "make" (func (param "start" u32) (result (own 0))))
    (export "incr" (func (param "c" (borrow 0)) (result u32)))))
  (alias export $ci "counter" (type $ct))
  (alias export $ci "make" (func $make))
  (alias export $ci "incr" (func $incr))
  (core func $make_l (canon lower (func $make)))
  (core func $incr_l (canon lower (func $incr)))
  (core func $drop (canon resource.drop $ct))
  (core module $m
    (import "c" "make" (func $make (param i32) (result i32)))
    (import "c" "incr" (func $incr (param i32) (result i32)))
    (import "c" "drop" (func $drop (param i32)))
    (func (export "run") (param $start i32) (result i32)
      (local $h i32) (local $v i32)
      local.get $start call $make local.set $h
      local.get $h call $incr drop
      local.get $h call $incr local.set $v
      local.get $h call $drop
      local.get $v i32.const 1000 i32.add))
  (core instance $i (instantiate $m (with "c" (instance (export "make" (func $make_l)) (export "incr" (func $incr_l)) (export "drop" (func $drop))))))
  (func $run (param "start" u32) (result u32) (canon lift (core func $i "run")))
  (instance $out (export "run" (func $run)))
  (export "test:demo/runner" (instance $out))
)`;
}

/**
 * Writes `line\n` to WASI stdout (through wasi:cli/stdout, wasi:io/streams,
 * which uses the `error` resource of wasi:io/error) and returns `code` from
 * `test:demo/hello-<name>.run`; when `inner` is given it imports
 * `test:demo/hello-<inner>` and calls its `run` first, adding its result.
 */
export function stdoutWriter(name: string, line: string, code: number, wasiVersion: string, inner?: string): string {
  const text = `${line}\n`;
  const innerImport = inner
    ? `(import "test:demo/hello-${inner}" (instance $inner (export "run" (func (result u32)))))
  (alias export $inner "run" (func $inner_run))
  (core func $inner_run_l (canon lower (func $inner_run)))`
    : '';
  const innerCall = inner ? 'call $inner_run' : 'i32.const 0';
  return `(component
  (import "wasi:io/error@${wasiVersion}" (instance $err (export "error" (type (sub resource)))))
  (alias export $err "error" (type $error))
  (import "wasi:io/streams@${wasiVersion}" (instance $streams
    (alias outer 1 $error (type))
    (export "error" (type (eq 0)))
    (export "output-stream" (type (sub resource)))
    (type (own 1))
    (type $se (variant (case "last-operation-failed" 3) (case "closed")))
    (export "stream-error" (type (eq $se)))
    (type (list u8))
    (type (borrow 2))
    (type (result (error 5)))
    (export "[method]output-stream.blocking-write-and-flush" (func (param "self" 7) (param "contents" 6) (result 8)))))
  (alias export $streams "output-stream" (type $os))
  (import "wasi:cli/stdout@${wasiVersion}" (instance $stdout
    (alias outer 1 $os (type))
    (export "output-stream" (type (eq 0)))
    (type (own 1))
    (export "get-stdout" (func (result 2)))))
  ${innerImport}
  (alias export $stdout "get-stdout" (func $get_stdout))
  (alias export $streams "[method]output-stream.blocking-write-and-flush" (func $write))
  (core module $mem (memory (export "mem") 1))
  (core instance $mi (instantiate $mem))
  (core func $get_stdout_l (canon lower (func $get_stdout)))
  (core func $write_l (canon lower (func $write) (memory (core memory $mi "mem"))))
  (core func $drop_os (canon resource.drop $os))
  (core module $m
    (import "host" "mem" (memory 1))
    (import "host" "get-stdout" (func $get_stdout (result i32)))
    (import "host" "write" (func $write (param i32 i32 i32 i32)))
    (import "host" "drop" (func $drop (param i32)))
    ${inner ? '(import "host" "inner" (func $inner_run (result i32)))' : ''}
    (data (i32.const 100) "${text.replace(/\n/g, '\\n')}")
    (func (export "run") (result i32)
      (local $out i32) (local $acc i32)
      ${innerCall}
      local.set $acc
      call $get_stdout
      local.set $out
      local.get $out i32.const 100 i32.const ${Buffer.byteLength(text)} i32.const 16 call $write
      local.get $out call $drop
      local.get $acc i32.const ${code} i32.add))
  (core instance $i (instantiate $m (with "host" (instance
    (export "mem" (memory $mi "mem"))
    (export "get-stdout" (func $get_stdout_l))
    (export "write" (func $write_l))
    (export "drop" (func $drop_os))
    ${inner ? '(export "inner" (func $inner_run_l))' : ''}))))
  (func $run (result u32) (canon lift (core func $i "run")))
  (instance $out (export "run" (func $run)))
  (export "test:demo/hello-${name}" (instance $out))
)`;
}

/** Exports `test:demo/text@0.1.0` with `label: func(<param>: <type>) -> u32` only: a wrong shape for the text interface. */
export function wrongText(param: string, type: 'u32' | 's32'): string {
  return `(component
  (core module $m (func (export "f") (param i32) (result i32) local.get 0))
  (core instance $i (instantiate $m))
  (func $f (param "${param}" ${type}) (result u32) (canon lift (core func $i "f")))
  (instance $out (export "label" (func $f)))
  (export "test:demo/text@0.1.0" (instance $out))
)`;
}

/** Imports `test:demo/text@0.1.0` as `label: func(n: u32) -> u32` and re-exports it as `test:demo/other`. */
export function otherTextImporter(): string {
  return `(component
  (import "test:demo/text@0.1.0" (instance $t (export "label" (func (param "n" u32) (result u32)))))
  (alias export $t "label" (func $l))
  (instance $out (export "label" (func $l)))
  (export "test:demo/other" (instance $out))
)`;
}

/** WIT and JavaScript of a component (built with componentize-qjs) that wraps `test:demo/text@0.1.0`. */
export const JS_TEXT_WRAPPER = {
  wit: `package test:demo@0.1.0;

interface text {
  label: func(s: string) -> string;
  total: func(xs: list<u32>) -> u32;
}

world js-wrap {
  import text;
  export text;
}
`,
  js: `import inner from "test:demo/text@0.1.0";
export const text = {
  label(s) { return "js(" + inner.label(s) + ")"; },
  total(xs) { return inner.total([...xs, 100]); },
};
`,
};

/** Exports `wasi:io/error@<version>` with its own `error` resource (a component standing in for the host's). */
export function errorProvider(version: string): string {
  return `(component
  (type $e (resource (rep i32)))
  (instance $out (export "error" (type $e)))
  (export "wasi:io/error@${version}" (instance $out))
)`;
}
