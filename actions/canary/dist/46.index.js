export const id = 46;
export const ids = [46];
export const modules = {

/***/ 65046:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   WARM_UP_WAT: () => (/* binding */ WARM_UP_WAT),
/* harmony export */   warmUpComponent: () => (/* binding */ warmUpComponent)
/* harmony export */ });
/**
 * A small component that a validator pass goes through before the first real one (see
 * preloadValidator in validate.ts): V8 compiles jco's wasm-tools lazily, function by function, on
 * first use, so this pass, run while a compose waits on the network, has it compile most of what
 * the validation of a real composition runs (imported instance types with a resource, records,
 * variants, lists, strings, options and results, core modules with memory, a table, elements and
 * data, canonical lower and lift with memory, realloc and post-return, resource.drop, core and
 * component aliases, a nested component instantiated with an argument, an instance export).
 * WARM_UP_BYTES is WARM_UP_WAT parsed by jco (validator-warm-up.test.ts checks it).
 */
const WARM_UP_WAT = `(component
  (type $host (instance
    (export "conn" (type $conn (sub resource)))
    (type $own (own $conn))
    (type $borrow (borrow $conn))
    (type $rec (record (field "id" u64) (field "name" string) (field "tags" (list string))))
    (export "rec" (type $rec-e (eq $rec)))
    (type $err (variant (case "closed") (case "failed" string)))
    (export "err" (type $err-e (eq $err)))
    (export "open" (func (param "url" string) (result (result $own (error $err-e)))))
    (export "[method]conn.send" (func (param "self" $borrow) (param "r" $rec-e) (result (option u32))))
    (export "[method]conn.recv" (func (param "self" $borrow) (result (list u8))))
  ))
  (import "test:warm/host@0.1.0" (instance $host (type $host)))
  (alias export $host "conn" (type $conn))
  (alias export $host "rec" (type $rec))
  (alias export $host "open" (func $open))
  (alias export $host "[method]conn.send" (func $send))
  (alias export $host "[method]conn.recv" (func $recv))
  (core module $libc
    (memory (export "memory") 1)
    (global $bump (mut i32) (i32.const 1024))
    (func (export "realloc") (param i32 i32 i32 i32) (result i32)
      (local $r i32)
      global.get $bump
      local.set $r
      global.get $bump
      local.get 3
      i32.add
      global.set $bump
      local.get $r)
  )
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $mem))
  (alias core export $libc "realloc" (core func $realloc))
  (core func $open-lowered (canon lower (func $open) (memory $mem) (realloc $realloc) string-encoding=utf8))
  (core func $send-lowered (canon lower (func $send) (memory $mem) (realloc $realloc)))
  (core func $recv-lowered (canon lower (func $recv) (memory $mem) (realloc $realloc)))
  (core func $drop (canon resource.drop $conn))
  (core type $sig (func (param i32 i32 i32)))
  (core module $main
    (import "host" "open" (func $open (param i32 i32 i32)))
    (import "host" "send" (func $send (param i32 i64 i32 i32 i32 i32 i32)))
    (import "host" "recv" (func $recv (param i32 i32)))
    (import "host" "drop" (func $drop (param i32)))
    (import "libc" "memory" (memory 1))
    (import "libc" "realloc" (func $realloc (param i32 i32 i32 i32) (result i32)))
    (table 2 funcref)
    (elem (i32.const 0) func $run $post)
    (data (i32.const 16) "warm")
    (func $run (export "run") (param i32 i32) (result i32)
      local.get 0
      local.get 1
      i32.const 64
      call $open
      i32.const 64)
    (func $post (export "cabi_post_run") (param i32))
    (func (export "size") (result i32) i32.const 4)
  )
  (core instance $host-core
    (export "open" (func $open-lowered))
    (export "send" (func $send-lowered))
    (export "recv" (func $recv-lowered))
    (export "drop" (func $drop)))
  (core instance $main (instantiate $main (with "host" (instance $host-core)) (with "libc" (instance $libc))))
  (alias core export $main "run" (core func $run))
  (alias core export $main "cabi_post_run" (core func $post))
  (type $run-result (result u32 (error string)))
  (func $run (param "url" string) (result $run-result)
    (canon lift (core func $run) (memory $mem) (realloc $realloc) (post-return $post)))
  (component $inner
    (import "run" (func $run (param "url" string) (result (result u32 (error string)))))
    (type $flags (flags "a" "b" "c"))
    (type $enum (enum "x" "y"))
    (type $tuple (tuple u8 s16 f32 f64 char bool))
    (export "run" (func $run))
    (export "flags" (type $flags))
    (export "enum" (type $enum))
    (export "tuple" (type $tuple))
  )
  (instance $inner (instantiate $inner (with "run" (func $run))))
  (export "test:warm/api@0.1.0" (instance $inner))
)`;
const WARM_UP_BYTES = 'AGFzbQ0AAQAHtAEBQhEEAARjb25uAwEBaQABaAABcHMBcgMCaWR3BG5hbWVzBHRhZ3MDBAADcmVjAwAEAXECBmNsb3NlZAAABmZhaWxlZAFzAAQAA2VycgMA' +
    'BgFqAQEBBwFAAQN1cmxzAAgEAARvcGVuAQkBa3kBQAIEc2VsZgIBcgUACgQAEVttZXRob2RdY29ubi5zZW5kAQsBcH0BQAEEc2VsZgIADAQAEVttZXRob2Rd' +
    'Y29ubi5yZWN2AQ0KGQEAFHRlc3Q6d2FybS9ob3N0QDAuMS4wBQAGQgUDAAAEY29ubgMAAANyZWMBAAAEb3BlbgEAABFbbWV0aG9kXWNvbm4uc2VuZAEAABFb' +
    'bWV0aG9kXWNvbm4ucmVjdgFvAGFzbQEAAAABCQFgBH9/f38BfwMCAQAFAwEAAQYHAX8BQYAICwcUAgZtZW1vcnkCAAdyZWFsbG9jAAAKEwERAQF/IwAhBCMA' +
    'IANqJAAgBAsAHQRuYW1lAAUEbGliYwIGAQABBAFyBwcBAARidW1wAgQBAAAABhgCAAIBAAZtZW1vcnkAAAEAB3JlYWxsb2MIHAQBAAADAwAEAAABAAECAwAE' +
    'AAEAAgIDAAQAAwEDBwFgA39/fwABoAIAYXNtAQAAAAEsB2ADf39/AGAHf35/f39/fwBgAn9/AGABfwBgBH9/f38Bf2ACf38Bf2AAAX8CTwYEaG9zdARvcGVu' +
    'AAAEaG9zdARzZW5kAAEEaG9zdARyZWN2AAIEaG9zdARkcm9wAAMEbGliYwZtZW1vcnkCAAEEbGliYwdyZWFsbG9jAAQDBAMFAwYEBAFwAAIHHgMDcnVuAAUN' +
    'Y2FiaV9wb3N0X3J1bgAGBHNpemUABwkIAQBBAAsCBQYKGAMOACAAIAFBwAAQAEHAAAsCAAsEAEEECwsKAQBBEAsEd2FybQA7BG5hbWUABQRtYWluAS0HAARv' +
    'cGVuAQRzZW5kAgRyZWN2AwRkcm9wBAdyZWFsbG9jBQNydW4GBHBvc3QCMAIBBARvcGVuAAEEc2VuZAACBHJlY3YAAwRkcm9wAAQAAQIEaG9zdBIBBGxpYmMS' +
    'AAYbAgAAAQIDcnVuAAABAg1jYWJpX3Bvc3RfcnVuBw8CagF5AXNAAQN1cmxzAAMIDAEAAAUDAwAEAAUGBASeAQBhc20NAAEABw8CagF5AXNAAQN1cmxzAAAK' +
    'CAEAA3J1bgEBBxcDbgMBYQFiAWNtAgF4AXlvBn18dnV0fwsmBAADcnVuAQAAAAVmbGFncwMCAAAEZW51bQMDAAAFdHVwbGUDBAAAOA5jb21wb25lbnQtbmFt' +
    'ZQAGBWlubmVyAQcBAQADcnVuARYDAwIFZmxhZ3MDBGVudW0EBXR1cGxlBQoBAAABA3J1bgEDCxkBABN0ZXN0Ondhcm0vYXBpQDAuMS4wBQEAAPEBDmNvbXBv' +
    'bmVudC1uYW1lAUcAAAcAB3JlYWxsb2MBDG9wZW4tbG93ZXJlZAIMc2VuZC1sb3dlcmVkAwxyZWN2LWxvd2VyZWQEBGRyb3AFA3J1bgYEcG9zdAEIAAIBAANt' +
    'ZW0BCAAQAQADc2lnAQ8AEQIABGxpYmMBBG1haW4BGgASAwAEbGliYwEJaG9zdC1jb3JlAgRtYWluARkBBAAEb3BlbgEEc2VuZAIEcmVjdgMDcnVuAR8DBAAE' +
    'aG9zdAEEY29ubgIDcmVjAwpydW4tcmVzdWx0AQkEAQAFaW5uZXIBDwUCAARob3N0AQVpbm5lcg==';
function warmUpComponent() {
    return new Uint8Array(Buffer.from(WARM_UP_BYTES, 'base64'));
}


/***/ })

};
