export const id = 757;
export const ids = [757];
export const modules = {

/***/ 66757:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  splitInGraph: () => (/* binding */ splitInGraph),
  tapEveryEdge: () => (/* binding */ tapEveryEdge)
});

// UNUSED EXPORTS: findInstance, tapInGraph, wacGraph

// EXTERNAL MODULE: ./build/shared/errors.js
var errors = __webpack_require__(52005);
// EXTERNAL MODULE: ./build/shared/wac/semver.js
var semver = __webpack_require__(28628);
;// CONCATENATED MODULE: ./build/shared/interpose/errors.js

/**
 * An interposer cannot be generated for this input. Codes:
 * `INTERPOSE_NO_INTERFACE` (the component neither exports nor imports it),
 * `INTERPOSE_NOT_AN_INTERFACE` (the name is a function or a type),
 * `INTERPOSE_OWN_RESOURCES` (the interface defines resources),
 * `INTERPOSE_ASYNC` (an async function, a stream or a future),
 * `INTERPOSE_UNSHARED_RESOURCE` (a resource the interface uses comes from no import),
 * `INTERPOSE_UNSUPPORTED` (an export that is neither a function nor a type),
 * `INTERPOSE_OPTIONS` (bad weight, sticky key or label),
 * `INTERPOSE_GRAPH` (the composition cannot take the interposer).
 */
class errors_InterposeError extends errors/* FlotillaError */.wD {
}

// EXTERNAL MODULE: ./build/shared/wac/type-encoder.js
var type_encoder = __webpack_require__(5209);
;// CONCATENATED MODULE: ./build/shared/interpose/abi.js
const MAX_FLAT_PARAMS = 16;
const MAX_FLAT_RESULTS = 1;
function variantCases(t) {
    switch (t.kind) {
        case 'variant':
            return t.cases;
        case 'enum':
            return t.names.map((name) => ({ name, type: null }));
        case 'option':
            return [
                { name: 'none', type: null },
                { name: 'some', type: t.type },
            ];
        case 'result':
            return [
                { name: 'ok', type: t.ok },
                { name: 'error', type: t.err },
            ];
        default:
            return null;
    }
}
/** Record-like view: tuples are records with fields named 0, 1, … */
function recordFields(t) {
    if (t.kind === 'record')
        return t.fields.map((f) => f.type);
    if (t.kind === 'tuple')
        return t.types;
    return null;
}
/** Bytes of the discriminant of a variant with `n` cases. */
function discriminantSize(n) {
    if (n <= 256)
        return 1;
    if (n <= 65536)
        return 2;
    return 4;
}
function alignment(t) {
    switch (t.kind) {
        case 'prim':
            switch (t.name) {
                case 'bool':
                case 's8':
                case 'u8':
                    return 1;
                case 's16':
                case 'u16':
                    return 2;
                case 's64':
                case 'u64':
                case 'f64':
                    return 8;
                default:
                    // s32 u32 f32 char string error-context
                    return 4;
            }
        case 'list':
            return t.length === null ? 4 : alignment(t.element);
        case 'map':
            return 4;
        case 'flags':
            return t.names.length <= 8 ? 1 : t.names.length <= 16 ? 2 : 4;
        case 'own':
        case 'borrow':
        case 'stream':
        case 'future':
            return 4;
        default: {
            const fields = recordFields(t);
            if (fields !== null)
                return fields.reduce((a, f) => Math.max(a, alignment(f)), 1);
            const cases = variantCases(t);
            return Math.max(discriminantSize(cases.length), maxCaseAlignment(cases));
        }
    }
}
function maxCaseAlignment(cases) {
    let a = 1;
    for (const c of cases)
        if (c.type !== null)
            a = Math.max(a, alignment(c.type));
    return a;
}
function alignTo(n, a) {
    return Math.ceil(n / a) * a;
}
function elemSize(t) {
    switch (t.kind) {
        case 'prim':
            switch (t.name) {
                case 'bool':
                case 's8':
                case 'u8':
                    return 1;
                case 's16':
                case 'u16':
                    return 2;
                case 's64':
                case 'u64':
                case 'f64':
                case 'string':
                    return 8;
                default:
                    return 4;
            }
        case 'list':
            return t.length === null ? 8 : t.length * elemSize(t.element);
        case 'map':
            return 8;
        case 'flags':
            return t.names.length <= 8 ? 1 : t.names.length <= 16 ? 2 : 4;
        case 'own':
        case 'borrow':
        case 'stream':
        case 'future':
            return 4;
        default: {
            const fields = recordFields(t);
            if (fields !== null) {
                let s = 0;
                for (const f of fields)
                    s = alignTo(s, alignment(f)) + elemSize(f);
                return alignTo(s, alignment(t));
            }
            const cases = variantCases(t);
            let s = alignTo(discriminantSize(cases.length), maxCaseAlignment(cases));
            let cs = 0;
            for (const c of cases)
                if (c.type !== null)
                    cs = Math.max(cs, elemSize(c.type));
            s += cs;
            return alignTo(s, alignment(t));
        }
    }
}
/** Byte offsets of the fields of a record or tuple. */
function fieldOffsets(fields) {
    const out = [];
    let s = 0;
    for (const f of fields) {
        s = alignTo(s, alignment(f));
        out.push(s);
        s += elemSize(f);
    }
    return out;
}
/** Offset of a variant's payload from its start. */
function payloadOffset(cases) {
    return alignTo(discriminantSize(cases.length), maxCaseAlignment(cases));
}
function join(a, b) {
    if (a === b)
        return a;
    if ((a === 'i32' && b === 'f32') || (a === 'f32' && b === 'i32'))
        return 'i32';
    return 'i64';
}
function flatten(t) {
    switch (t.kind) {
        case 'prim':
            switch (t.name) {
                case 's64':
                case 'u64':
                    return ['i64'];
                case 'f32':
                    return ['f32'];
                case 'f64':
                    return ['f64'];
                case 'string':
                    return ['i32', 'i32'];
                default:
                    return ['i32'];
            }
        case 'list':
            if (t.length === null)
                return ['i32', 'i32'];
            return Array.from({ length: t.length }, () => flatten(t.element)).flat();
        case 'map':
            return ['i32', 'i32'];
        case 'flags':
        case 'own':
        case 'borrow':
        case 'stream':
        case 'future':
            return ['i32'];
        default: {
            const fields = recordFields(t);
            if (fields !== null)
                return fields.flatMap(flatten);
            const cases = variantCases(t);
            return ['i32', ...joinedPayload(cases)];
        }
    }
}
/** The joined flat payload of a variant's cases (without the discriminant). */
function joinedPayload(cases) {
    const flat = [];
    for (const c of cases) {
        if (c.type === null)
            continue;
        for (const [i, ft] of flatten(c.type).entries())
            flat[i] = i < flat.length ? join(flat[i], ft) : ft;
    }
    return flat;
}
function flattenFunc(f) {
    const params = f.params.flatMap((p) => flatten(p.type));
    const results = f.result === null ? [] : flatten(f.result);
    const paramsInMemory = params.length > MAX_FLAT_PARAMS;
    const resultsInMemory = results.length > MAX_FLAT_RESULTS;
    const coreParams = paramsInMemory ? ['i32'] : params;
    return {
        params,
        results,
        paramsInMemory,
        resultsInMemory,
        lift: { params: coreParams, results: resultsInMemory ? ['i32'] : results },
        lower: { params: resultsInMemory ? [...coreParams, 'i32'] : coreParams, results: resultsInMemory ? [] : results },
    };
}
/** The parameters of a function as the record they form in memory when passed by pointer. */
function paramsTuple(f) {
    return { kind: 'tuple', types: f.params.map((p) => p.type) };
}
/** Whether any part of `t` satisfies `p` (options, results, lists… included). */
function contains(t, p, seen = new Set()) {
    if (t === null || seen.has(t))
        return false;
    seen.add(t);
    if (p(t))
        return true;
    switch (t.kind) {
        case 'list':
            return contains(t.element, p, seen);
        case 'map':
            return contains(t.key, p, seen) || contains(t.value, p, seen);
        case 'stream':
        case 'future':
            return contains(t.type, p, seen);
        default: {
            const fields = recordFields(t);
            if (fields !== null)
                return fields.some((f) => contains(f, p, seen));
            const cases = variantCases(t);
            if (cases !== null)
                return cases.some((c) => contains(c.type, p, seen));
            return false;
        }
    }
}
/** Whether a value lives partly in linear memory (strings, lists, maps). */
function hasPointers(t) {
    return contains(t, (u) => (u.kind === 'prim' && u.name === 'string') || u.kind === 'list' || u.kind === 'map');
}
function optionNeeds(f) {
    const flat = flattenFunc(f);
    const params = f.params.some((p) => hasPointers(p.type));
    const results = hasPointers(f.result);
    const memory = params || results || flat.paramsInMemory || flat.resultsInMemory;
    return {
        liftMemory: memory,
        // the caller lowers the arguments (and the parameter tuple) into the interposer with its realloc
        liftRealloc: params || flat.paramsInMemory,
        lowerMemory: memory,
        // the callee's results are lowered into the interposer with its realloc
        lowerRealloc: results,
        allocates: memory,
    };
}

// EXTERNAL MODULE: ./build/shared/component/binary/write.js
var write = __webpack_require__(97499);
;// CONCATENATED MODULE: ./build/shared/interpose/assembler.js


const COMPONENT_VERSION = 0x0d;
const CORE_FUNC = { kind: 'core', sort: 0x00 };
const CORE_MEMORY = { kind: 'core', sort: 0x02 };
class ComponentAssembler extends type_encoder/* TypeScope */.$2 {
    sections = [];
    counts = {
        func: 0,
        type: 0,
        instance: 0,
        component: 0,
        coreFunc: 0,
        coreInstance: 0,
        coreModule: 0,
        coreMemory: 0,
    };
    constructor() {
        super(null);
    }
    push(id, item) {
        const last = this.sections[this.sections.length - 1];
        if (last !== undefined && last.id === id)
            last.items.push(item);
        else
            this.sections.push({ id, items: [item] });
    }
    addTypeDef(def) {
        this.push('type', def);
        this.typeCount = this.counts.type + 1;
        return this.counts.type++;
    }
    addOuterAlias() {
        throw new Error('the outer component has no enclosing scope');
    }
    /** Types of imported instances (see importInstance) are aliased on first use. */
    addExportAlias(instance, name) {
        return this.alias({ kind: 'export', sort: { kind: 'type' }, instance, name }, 'type');
    }
    alias(a, kind) {
        this.push('alias', a);
        if (kind === 'type')
            this.typeCount = this.counts.type + 1;
        return this.counts[kind]++;
    }
    /**
     * Imports an instance of a type re-encoded from `t`. With `share`, its type
     * exports become available to later types (aliased from this import): for
     * the interfaces whose types are shared. Without, nothing refers to them:
     * each backend import has its own copy of the interface's value types, as
     * WIT wants (one interface per type definition).
     */
    importInstance(name, t, share) {
        const type = this.instanceType(t);
        this.push('import', { name: { tag: 0, name, attributes: [] }, type: { kind: 'instance', type } });
        const instance = this.counts.instance++;
        if (share) {
            for (const [ename, x] of t.exports)
                if (x.kind === 'type' && !this.available.has(x.type))
                    this.available.set(x.type, { instance, name: ename });
        }
        return instance;
    }
    instanceType(t) {
        return this.addTypeDef((0,type_encoder/* instanceTypeDef */.jB)(this, t));
    }
    aliasFunc(instance, name) {
        return this.alias({ kind: 'export', sort: { kind: 'func' }, instance, name }, 'func');
    }
    coreModule(bytes) {
        this.sections.push({ id: 'coreModule', bytes });
        return this.counts.coreModule++;
    }
    coreInstantiate(module, args) {
        this.push('coreInstance', { kind: 'instantiate', module, args });
        return this.counts.coreInstance++;
    }
    coreInstanceOf(funcs) {
        this.push('coreInstance', { kind: 'exports', exports: funcs.map((f) => ({ name: f.name, sort: 0x00, index: f.index })) });
        return this.counts.coreInstance++;
    }
    coreFuncExport(instance, name) {
        return this.alias({ kind: 'coreExport', sort: CORE_FUNC, instance, name }, 'coreFunc');
    }
    coreMemoryExport(instance, name) {
        return this.alias({ kind: 'coreExport', sort: CORE_MEMORY, instance, name }, 'coreMemory');
    }
    lower(func, opts) {
        this.push('canon', { kind: 'lower', func, opts });
        return this.counts.coreFunc++;
    }
    lift(coreFunc, type, opts) {
        this.push('canon', { kind: 'lift', coreFunc, opts, type });
        return this.counts.func++;
    }
    resourceDrop(type) {
        this.push('canon', { kind: 'resource.drop', type });
        return this.counts.coreFunc++;
    }
    /** A nested component. */
    component(c) {
        this.sections.push({ id: 'component', component: c });
        return this.counts.component++;
    }
    instantiate(component, args) {
        this.push('instance', { kind: 'instantiate', component, args });
        return this.counts.instance++;
    }
    /** An instance made of the given items (functions and types), for export. */
    instanceOf(items) {
        this.push('instance', {
            kind: 'exports',
            exports: items.map((i) => ({ name: { tag: 0, name: i.name, attributes: [] }, item: i.item })),
        });
        return this.counts.instance++;
    }
    export(name, item) {
        this.push('export', { name: { tag: 0, name, attributes: [] }, item, type: null });
        const k = item.sort.kind;
        if (k === 'instance' || k === 'func' || k === 'type') {
            if (k === 'type')
                this.typeCount = this.counts.type + 1;
            this.counts[k]++;
        }
    }
    custom(name, data) {
        this.sections.push({ id: 'custom', name, data });
    }
    encode() {
        return (0,write/* writeComponent */.ze)({ version: COMPONENT_VERSION, sections: this.sections });
    }
}

// EXTERNAL MODULE: ./build/shared/component/binary/read.js
var read = __webpack_require__(13310);
// EXTERNAL MODULE: ./build/shared/component/types.js
var component_types = __webpack_require__(25529);
// EXTERNAL MODULE: ./build/shared/component/wit-print.js
var wit_print = __webpack_require__(5298);
;// CONCATENATED MODULE: ./build/shared/interpose/interface.js
/**
 * Reads the interface an interposer forwards: its instance type, from a
 * component that exports or imports it, and the imports of that component
 * whose types the interface uses (`use wasi:http/types.{incoming-request}`),
 * which the interposer imports once and shares with both backends.
 *
 * What cannot be interposed is refused here, with the reason:
 * - an interface that defines its own resources: resource types are
 *   generative, each instance makes its own, so a handle made by `stable`
 *   means nothing to `canary` (and the next call may go to either);
 * - async functions, streams, futures and error contexts: they return
 *   through `task.return` and callbacks, not through a call the interposer
 *   can forward and time;
 * - a resource the interface uses that no import of the component defines
 *   (it would again be one per backend).
 */






const HTTP_HANDLER = /^wasi:http\/incoming-handler@0\.2\.\d+(?:-[\w.]+)?$/;
const HTTP_TYPES = /^wasi:http\/types@0\.2\.\d+(?:-[\w.]+)?$/;
function isHttpHandler(name) {
    return HTTP_HANDLER.test(name);
}
function unversioned(name) {
    return name.replace(/@[^@/]*$/, '');
}
/**
 * Finds `interfaceName` among the component's exports (first) or imports and
 * builds its model. A name without a version matches any version, if only one.
 */
function interface_readInterface(bytes, interfaceName, source = 'the component') {
    let ct;
    try {
        ct = (0,component_types/* componentType */.Kw)((0,read/* readComponent */.Co)(bytes));
    }
    catch (err) {
        if (err instanceof errors/* FlotillaError */.wD) {
            throw new errors_InterposeError(err.code, `${source} is not a component that can be read: ${err.message}`, { cause: err });
        }
        throw err;
    }
    return interfaceFromType(ct, interfaceName, source);
}
function interfaceFromType(ct, interfaceName, source = 'the component') {
    const found = findNamed(ct.exports, interfaceName) ?? findNamed(ct.imports, interfaceName);
    if (found === undefined) {
        const names = [...new Set([...ct.exports, ...ct.imports].filter(([, t]) => t.kind === 'instance').map(([n]) => n))];
        throw new errors_InterposeError('INTERPOSE_NO_INTERFACE', `${source} neither exports nor imports the interface \`${interfaceName}\` (its interfaces: ${names.join(', ') || 'none'}); ` +
            'pass --interface with one of them, version included');
    }
    const [name, t] = found;
    if (t.kind !== 'instance') {
        throw new errors_InterposeError('INTERPOSE_NOT_AN_INTERFACE', `\`${name}\` of ${source} is a ${t.kind}, not an interface: an interposer forwards the functions of an interface (an instance)`);
    }
    return buildModel(ct, name, t, source);
}
function findNamed(m, wanted) {
    const exact = m.get(wanted);
    if (exact !== undefined)
        return [wanted, exact];
    if (wanted.includes('@'))
        return undefined;
    const matches = [...m].filter(([n]) => unversioned(n) === wanted);
    if (matches.length > 1) {
        throw new errors_InterposeError('INTERPOSE_NO_INTERFACE', `\`${wanted}\` matches several versions (${matches.map(([n]) => n).join(', ')}); pass --interface with the version`);
    }
    return matches[0];
}
function buildModel(ct, name, original, source) {
    const t = canonicalNames(original);
    // Resources the interface defines: declared by its type (an importer's view), or exported by it
    // without coming from any other import (an exporter's view: the component defines them).
    const fromImports = new Set();
    for (const [iname, it] of ct.imports) {
        if (iname === name || it.kind !== 'instance')
            continue;
        for (const e of it.exports.values())
            if (e.kind === 'type' && e.type.kind === 'resource')
                fromImports.add(e.type);
    }
    const own = [...t.declared];
    for (const x of t.exports.values()) {
        if (x.kind === 'type' && x.type.kind === 'resource' && !fromImports.has(x.type) && !own.includes(x.type))
            own.push(x.type);
    }
    if (own.length > 0) {
        throw new errors_InterposeError('INTERPOSE_OWN_RESOURCES', `\`${name}\` defines its own resource${own.length > 1 ? 's' : ''} ${own.map((r) => `\`${r.name}\``).join(', ')}: ` +
            'resource types are generative (each instance of a component makes its own), so a handle made by `stable` cannot be given to `canary`, ' +
            'and a call splitter may send the next call on a handle to either. Interpose an interface whose resources come from a third, shared ' +
            'instance (as wasi:http/types is for wasi:http/incoming-handler), or split at the HTTP edge with sticky routing');
    }
    const functions = [];
    for (const [fname, x] of t.exports) {
        if (x.kind === 'type')
            continue;
        if (x.kind !== 'func') {
            throw new errors_InterposeError('INTERPOSE_UNSUPPORTED', `\`${name}\` exports \`${fname}\`, a ${x.kind}: an interposer forwards interfaces of functions and types only`);
        }
        if (x.async) {
            throw new errors_InterposeError('INTERPOSE_ASYNC', `\`${name}\` has the async function \`${fname}\`: async functions return through \`task.return\` and cannot use post-return, ` +
                'so this generator cannot forward them; interpose a synchronous interface');
        }
        for (const v of [...x.params.map((p) => p.type), ...(x.result ? [x.result] : [])]) {
            if (contains(v, (u) => u.kind === 'stream' || u.kind === 'future' || (u.kind === 'prim' && u.name === 'error-context'))) {
                throw new errors_InterposeError('INTERPOSE_ASYNC', `\`${fname}\` of \`${name}\` passes a stream, a future or an error context (${(0,wit_print/* printVType */.ir)(v)}): those belong to async ` +
                    'calls, which this generator cannot forward; interpose a synchronous interface');
            }
        }
        functions.push({ name: fname, type: x, flat: flattenFunc(x) });
    }
    if (functions.length === 0) {
        throw new errors_InterposeError('INTERPOSE_UNSUPPORTED', `\`${name}\` has no functions: there is nothing to forward`);
    }
    const imports = new ImportNeeds(ct, name, source);
    for (const [tname, x] of t.exports)
        if (x.kind === 'type')
            imports.typeExport(tname, x.type);
    for (const f of functions)
        for (const v of funcTypes(f.type))
            imports.resourcesOf(v, `\`${f.name}\``);
    let http = null;
    if (isHttpHandler(name))
        http = imports.http(t);
    return { name, type: t, functions, imports: imports.result(), http };
}
function funcTypes(f) {
    return [...f.params.map((p) => p.type), ...(f.result ? [f.result] : [])];
}
/** Collects, per import of the source component, the exports the interposer must import. */
class ImportNeeds {
    selected = new Map();
    extra = new Map();
    extraDeclared = new Map();
    visited = new Set();
    ct;
    iface;
    source;
    constructor(ct, iface, source) {
        this.ct = ct;
        this.iface = iface;
        this.source = source;
    }
    instanceImports() {
        return [...this.ct.imports].filter((e) => e[1].kind === 'instance' && e[0] !== this.iface);
    }
    /** The import and export name that carries `x` (a resource or a named value type), the declaring one first. */
    owner(x) {
        let alias;
        for (const [iname, it] of this.instanceImports()) {
            for (const [ename, e] of it.exports) {
                if (e.kind !== 'type' || e.type !== x)
                    continue;
                if (x.kind === 'resource' && it.declared.includes(x))
                    return [iname, ename];
                alias ??= [iname, ename];
            }
        }
        return alias;
    }
    select(iname, ename) {
        let s = this.selected.get(iname);
        if (s === undefined) {
            s = new Set();
            this.selected.set(iname, s);
        }
        s.add(ename);
    }
    /** A type the interface exports: shared if an import has it, local (structural) otherwise; resources must be shared. */
    typeExport(tname, x) {
        if (x.kind === 'resource') {
            this.resource(x, `type \`${tname}\``);
            return;
        }
        const o = this.owner(x);
        if (o !== undefined) {
            this.select(o[0], o[1]);
            // the imported definition must be complete where it is imported: its resources too
            this.resourcesOf(x, `type \`${tname}\``, true);
        }
        else
            this.resourcesOf(x, `type \`${tname}\``);
    }
    resourcesOf(v, what, viaImport = false) {
        if (this.visited.has(v))
            return;
        this.visited.add(v);
        if (v.kind === 'own' || v.kind === 'borrow') {
            this.resource(v.resource, what);
            return;
        }
        if (!viaImport && v.kind !== 'prim') {
            // a named type an import defines is imported from it (once, for both backends)
            const o = this.owner(v);
            if (o !== undefined) {
                this.select(o[0], o[1]);
                viaImport = true;
            }
        }
        const fields = recordFields(v);
        if (fields !== null)
            for (const f of fields)
                this.resourcesOf(f, what, viaImport);
        const cases = variantCases(v);
        if (cases !== null)
            for (const c of cases)
                if (c.type !== null)
                    this.resourcesOf(c.type, what, viaImport);
        if (v.kind === 'list')
            this.resourcesOf(v.element, what, viaImport);
        if (v.kind === 'map') {
            this.resourcesOf(v.key, what, viaImport);
            this.resourcesOf(v.value, what, viaImport);
        }
    }
    resource(r, what) {
        if (this.visited.has(r))
            return;
        this.visited.add(r);
        const o = this.owner(r);
        if (o === undefined) {
            throw new errors_InterposeError('INTERPOSE_UNSHARED_RESOURCE', `${what} of \`${this.iface}\` uses the resource \`${r.name}\`, which no import of ${this.source} defines: it is made by a ` +
                'component itself, so `stable` and `canary` would each have their own and a handle made by one cannot be given to the other. ' +
                'Only resources of an interface imported once and wired to both backends (such as wasi:http/types) can be passed through');
        }
        this.select(o[0], o[1]);
        // an alias of another import's resource: that import is needed too, before it
        const [iname] = o;
        const it = this.ct.imports.get(iname);
        if (!it.declared.includes(r)) {
            const declarer = this.instanceImports().find(([, x]) => x.declared.includes(r));
            if (declarer === undefined) {
                throw new errors_InterposeError('INTERPOSE_UNSHARED_RESOURCE', `the resource \`${r.name}\` that ${what} of \`${this.iface}\` uses is not defined by any import of ${this.source}`);
            }
            const [dname, dt] = declarer;
            for (const [ename, e] of dt.exports)
                if (e.kind === 'type' && e.type === r)
                    this.select(dname, ename);
        }
    }
    /** wasi:http/types' header access, from the source's import when it has it, else declared here. */
    http(handler) {
        let incomingRequest;
        for (const f of handler.exports.values()) {
            if (f.kind !== 'func')
                continue;
            for (const p of f.params)
                if (p.type.kind === 'own' && p.type.resource.name === 'incoming-request')
                    incomingRequest = p.type.resource;
        }
        const types = this.instanceImports().find(([n]) => HTTP_TYPES.test(n));
        if (incomingRequest === undefined || types === undefined) {
            throw new errors_InterposeError('INTERPOSE_UNSUPPORTED', `\`${this.iface}\` of ${this.source} takes no \`own<incoming-request>\` from an imported wasi:http/types: ` +
                'an HTTP splitter reads the request headers through wasi:http/types');
        }
        const [tname, tt] = types;
        const fieldsExport = tt.exports.get('fields');
        let fields = fieldsExport?.kind === 'type' && fieldsExport.type.kind === 'resource' ? fieldsExport.type : undefined;
        const extra = new Map();
        const declared = [];
        if (fields === undefined) {
            // declared by the interposer's import: the host's wasi:http/types binds it
            fields = (0,component_types/* newResource */.bl)('fields');
            declared.push(fields);
            extra.set('fields', { kind: 'type', type: fields });
        }
        else
            this.select(tname, 'fields');
        const std = (n) => {
            const f = tt.exports.get(n);
            return f?.kind === 'func' ? f : undefined;
        };
        const u8list = { kind: 'list', element: { kind: 'prim', name: 'u8' }, length: null };
        const headers = std('[method]incoming-request.headers') ?? {
            kind: 'func',
            async: false,
            params: [{ name: 'self', type: { kind: 'borrow', resource: incomingRequest } }],
            result: { kind: 'own', resource: fields },
        };
        const get = std('[method]fields.get') ?? {
            kind: 'func',
            async: false,
            params: [
                { name: 'self', type: { kind: 'borrow', resource: fields } },
                { name: 'name', type: { kind: 'prim', name: 'string' } },
            ],
            result: { kind: 'list', element: u8list, length: null },
        };
        if (std('[method]incoming-request.headers'))
            this.select(tname, '[method]incoming-request.headers');
        else
            extra.set('[method]incoming-request.headers', headers);
        if (std('[method]fields.get'))
            this.select(tname, '[method]fields.get');
        else
            extra.set('[method]fields.get', get);
        this.extra.set(tname, extra);
        this.extraDeclared.set(tname, declared);
        return { importName: tname, incomingRequest, fields, headers, get };
    }
    result() {
        const out = [];
        for (const [iname, it] of this.instanceImports()) {
            const names = this.selected.get(iname);
            const extra = this.extra.get(iname);
            if (names === undefined && extra === undefined)
                continue;
            const exports = new Map();
            // types first, in the import's order, then the functions
            for (const [ename, e] of it.exports)
                if (names?.has(ename) && e.kind === 'type')
                    exports.set(ename, e);
            for (const [ename, e] of extra ?? [])
                if (e.kind === 'type')
                    exports.set(ename, e);
            for (const [ename, e] of it.exports)
                if (names?.has(ename) && e.kind !== 'type')
                    exports.set(ename, e);
            for (const [ename, e] of extra ?? [])
                if (e.kind !== 'type')
                    exports.set(ename, e);
            const kept = new Set();
            for (const e of exports.values())
                if (e.kind === 'type' && e.type.kind === 'resource')
                    kept.add(e.type);
            const declared = [...it.declared.filter((r) => kept.has(r)), ...(this.extraDeclared.get(iname) ?? [])];
            out.push({ name: iname, type: { kind: 'instance', exports, declared } });
        }
        return out;
    }
}
// ---- named types ----------------------------------------------------------------
/**
 * The interface with every value type in its functions replaced by the type
 * export it is equal to. A component's exports have the types of what they
 * export (inferred), while the names are on the types it ascribed: the same
 * record appears as two objects. An interposer must refer to the named one
 * (validators require every record, variant, enum and flags an exported
 * function uses to be named by an export), so equal types are made one object.
 */
function canonicalNames(t) {
    const keys = new WeakMap();
    const key = (v) => {
        const known = keys.get(v);
        if (known !== undefined)
            return known;
        let k;
        switch (v.kind) {
            case 'prim':
                k = v.name;
                break;
            case 'record':
                k = `record{${v.fields.map((f) => `${f.name}:${key(f.type)}`).join(',')}}`;
                break;
            case 'variant':
                k = `variant{${v.cases.map((c) => `${c.name}${c.type ? `(${key(c.type)})` : ''}`).join(',')}}`;
                break;
            case 'list':
                k = `list<${key(v.element)}${v.length === null ? '' : `,${v.length}`}>`;
                break;
            case 'tuple':
                k = `tuple<${v.types.map(key).join(',')}>`;
                break;
            case 'flags':
                k = `flags{${v.names.join(',')}}`;
                break;
            case 'enum':
                k = `enum{${v.names.join(',')}}`;
                break;
            case 'option':
                k = `option<${key(v.type)}>`;
                break;
            case 'result':
                k = `result<${v.ok ? key(v.ok) : '_'},${v.err ? key(v.err) : '_'}>`;
                break;
            case 'own':
            case 'borrow':
                k = `${v.kind}#${v.resource.id}`;
                break;
            case 'stream':
            case 'future':
                k = `${v.kind}<${v.type ? key(v.type) : '_'}>`;
                break;
            case 'map':
                k = `map<${key(v.key)},${key(v.value)}>`;
                break;
        }
        keys.set(v, k);
        return k;
    };
    const named = new Map();
    const memo = new Map();
    const same = (a, b) => a.every((x, i) => x === b[i]);
    /** `v` with canonical parts (the same object when its parts already are), then the named type equal to it, if any. */
    const rebuild = (v) => {
        const done = memo.get(v);
        if (done !== undefined)
            return done;
        let out = v;
        switch (v.kind) {
            case 'record': {
                const types = v.fields.map((f) => rebuild(f.type));
                if (!same(types, v.fields.map((f) => f.type)))
                    out = { kind: 'record', fields: v.fields.map((f, i) => ({ name: f.name, type: types[i] })) };
                break;
            }
            case 'variant': {
                const types = v.cases.map((c) => (c.type === null ? null : rebuild(c.type)));
                if (!same(types, v.cases.map((c) => c.type)))
                    out = { kind: 'variant', cases: v.cases.map((c, i) => ({ name: c.name, type: types[i] ?? null })) };
                break;
            }
            case 'list': {
                const element = rebuild(v.element);
                if (element !== v.element)
                    out = { kind: 'list', element, length: v.length };
                break;
            }
            case 'tuple': {
                const types = v.types.map(rebuild);
                if (!same(types, v.types))
                    out = { kind: 'tuple', types };
                break;
            }
            case 'option': {
                const type = rebuild(v.type);
                if (type !== v.type)
                    out = { kind: 'option', type };
                break;
            }
            case 'result': {
                const ok = v.ok === null ? null : rebuild(v.ok);
                const err = v.err === null ? null : rebuild(v.err);
                if (ok !== v.ok || err !== v.err)
                    out = { kind: 'result', ok, err };
                break;
            }
            case 'map': {
                const k = rebuild(v.key);
                const value = rebuild(v.value);
                if (k !== v.key || value !== v.value)
                    out = { kind: 'map', key: k, value };
                break;
            }
            default:
                break;
        }
        out = named.get(key(out)) ?? out;
        memo.set(v, out);
        return out;
    };
    const exports = new Map();
    for (const [n, x] of t.exports) {
        if (x.kind !== 'type' || x.type.kind === 'resource') {
            exports.set(n, x);
            continue;
        }
        // a named type: its parts made canonical (it stays the same object when they already are)
        const canon = rebuild(x.type);
        const k = key(canon);
        if (!named.has(k))
            named.set(k, canon);
        memo.set(x.type, named.get(k));
        exports.set(n, canon === x.type ? x : { kind: 'type', type: canon });
    }
    for (const [n, x] of exports) {
        if (x.kind !== 'func')
            continue;
        exports.set(n, {
            ...x,
            params: x.params.map((p) => ({ name: p.name, type: rebuild(p.type) })),
            result: x.result === null ? null : rebuild(x.result),
        });
    }
    return { kind: 'instance', exports, declared: t.declared };
}

;// CONCATENATED MODULE: ./build/shared/interpose/shim.js


class ShimBody {
    sections = [];
    types = 0;
    funcs = 0;
    push(id, item) {
        const last = this.sections[this.sections.length - 1];
        if (last !== undefined && last.id === id)
            last.items.push(item);
        else
            this.sections.push({ id, items: [item] });
    }
}
/** One view of the shim's type index space: imports and exports name the same objects differently. */
class View extends type_encoder/* TypeScope */.$2 {
    body;
    constructor(body) {
        super(null);
        this.body = body;
    }
    addTypeDef(def) {
        this.body.push('type', def);
        this.typeCount = this.body.types + 1;
        return this.body.types++;
    }
    addOuterAlias() {
        throw new Error('a shim refers to nothing outside it: everything comes in through its imports');
    }
    addExportAlias() {
        throw new Error('a shim has no instances');
    }
}
const shim_name = (n) => ({ tag: 0, name: n, attributes: [] });
/** The shim component for exporting an instance of type `t`, and the arguments to instantiate it with. */
function buildShim(t) {
    const body = new ShimBody();
    const inView = new View(body);
    const outView = new View(body);
    const args = [];
    const importType = (n, bound) => {
        body.push('import', { name: shim_name(n), type: bound });
        return body.types++;
    };
    // 1. named types in, in the interface's order (a resource twice under two names is imported once)
    const imported = new Map();
    for (const [tname, x] of t.exports) {
        if (x.kind !== 'type' || imported.has(x.type))
            continue;
        let idx;
        if (x.type.kind === 'resource')
            idx = importType(`import-type-${tname}`, { kind: 'type', bound: 'sub-resource' });
        else {
            const def = (0,type_encoder/* typeIndex */.zW)(inView, x.type);
            idx = importType(`import-type-${tname}`, { kind: 'type', bound: { eq: def } });
        }
        inView.local.set(x.type, idx);
        imported.set(x.type, idx);
        args.push({ name: `import-type-${tname}`, sort: 'type', value: x.type });
    }
    // 2. functions in
    const funcIndex = new Map();
    for (const [fname, x] of t.exports) {
        if (x.kind !== 'func')
            continue;
        const ty = (0,type_encoder/* funcTypeIndex */.vh)(inView, x);
        body.push('import', { name: shim_name(`import-func-${fname}`), type: { kind: 'func', type: ty } });
        funcIndex.set(fname, body.funcs++);
        args.push({ name: `import-func-${fname}`, sort: 'func', value: fname });
    }
    // 3. types out: value types redefined under their names, resources re-exported
    for (const [tname, x] of t.exports) {
        if (x.kind !== 'type')
            continue;
        const local = x.type.kind === 'resource' ? imported.get(x.type) : (0,type_encoder/* typeIndex */.zW)(outView, x.type);
        body.push('export', { name: shim_name(tname), item: { sort: { kind: 'type' }, index: local }, type: null });
        outView.local.set(x.type, body.types++);
    }
    // 4. functions out, ascribed the types that refer to the exported names
    for (const [fname, x] of t.exports) {
        if (x.kind !== 'func')
            continue;
        const ty = (0,type_encoder/* funcTypeIndex */.vh)(outView, x);
        body.push('export', {
            name: shim_name(fname),
            item: { sort: { kind: 'func' }, index: funcIndex.get(fname) },
            type: { kind: 'func', type: ty },
        });
        body.funcs++;
    }
    return { component: { version: COMPONENT_VERSION, sections: body.sections }, args };
}

;// CONCATENATED MODULE: ./build/shared/interpose/stats.js

const STATS_INTERFACE = 'flotilla:interpose/stats@0.1.0';
/** Export names under which a composed app exports its interposers' stats: `flotilla-stats-<label>`. */
const STATS_EXPORT_PREFIX = 'flotilla-stats-';
/**
 * Default latency buckets (upper bounds, nanoseconds): 5 µs to 10 s, about
 * three per decade, the usual Prometheus spread shifted down to where calls
 * between components of one process fall.
 */
const DEFAULT_BUCKETS_NS = [
    5000n,
    10000n,
    25000n,
    50000n,
    100000n,
    250000n,
    500000n,
    1000000n,
    2500000n,
    5000000n,
    10000000n,
    25000000n,
    50000000n,
    100000000n,
    250000000n,
    500000000n,
    1000000000n,
    2500000000n,
    5000000000n,
    10000000000n,
];
const string = { kind: 'prim', name: 'string' };
const u8 = { kind: 'prim', name: 'u8' };
const u64 = { kind: 'prim', name: 'u64' };
const u64list = { kind: 'list', element: u64, length: null };
const ROLE = { kind: 'enum', names: ['splitter', 'tap'] };
const FUNCTION_STATS = {
    kind: 'record',
    fields: [
        { name: 'backend', type: string },
        { name: 'function', type: string },
        { name: 'calls', type: u64 },
        { name: 'errors', type: u64 },
        { name: 'total-latency-ns', type: u64 },
        { name: 'max-latency-ns', type: u64 },
        { name: 'buckets', type: u64list },
    ],
};
const REPORT = {
    kind: 'record',
    fields: [
        { name: 'label', type: string },
        { name: 'interface-name', type: string },
        { name: 'role', type: ROLE },
        { name: 'weight', type: u8 },
        { name: 'sticky', type: { kind: 'option', type: string } },
        { name: 'bucket-bounds-ns', type: u64list },
        { name: 'functions', type: { kind: 'list', element: FUNCTION_STATS, length: null } },
        { name: 'memory-bytes', type: u64 },
    ],
};
/** The instance type of the stats interface, as the interposer exports it. */
function statsInstanceType() {
    return {
        kind: 'instance',
        exports: new Map([
            ['role', { kind: 'type', type: ROLE }],
            ['function-stats', { kind: 'type', type: FUNCTION_STATS }],
            ['report', { kind: 'type', type: REPORT }],
            ['snapshot', { kind: 'func', async: false, params: [], result: REPORT }],
        ]),
        declared: [],
    };
}
function offsetsOf(t) {
    if (t.kind !== 'record')
        throw new Error('not a record');
    const offs = fieldOffsets(t.fields.map((f) => f.type));
    return new Map(t.fields.map((f, i) => [f.name, offs[i]]));
}
const FUNCTION_STATS_SIZE = elemSize(FUNCTION_STATS);
const FUNCTION_STATS_FIELD = offsetsOf(FUNCTION_STATS);
const REPORT_FIELD = offsetsOf(REPORT);
/** Bytes placed in linear memory at `base`, with the canonical layout of what they hold. */
class StaticData {
    base;
    buf = new Uint8Array(1024);
    view = new DataView(this.buf.buffer);
    length = 0;
    constructor(base) {
        this.base = base;
    }
    /** Reserves `size` zeroed bytes aligned to `align`; their address. */
    alloc(size, align) {
        const start = alignTo(this.base + this.length, align) - this.base;
        const end = start + size;
        if (end > this.buf.length) {
            const next = new Uint8Array(Math.max(end, this.buf.length * 2));
            next.set(this.buf);
            this.buf = next;
            this.view = new DataView(next.buffer);
        }
        this.length = end;
        return this.base + start;
    }
    u8(addr, v) {
        this.view.setUint8(addr - this.base, v);
    }
    u32(addr, v) {
        this.view.setUint32(addr - this.base, v, true);
    }
    u64(addr, v) {
        this.view.setBigUint64(addr - this.base, v, true);
    }
    /** Stores UTF-8 bytes; their address and length. */
    bytes(data) {
        const ptr = this.alloc(data.length, 1);
        this.buf.set(data, ptr - this.base);
        return { ptr, len: data.length };
    }
    string(s) {
        return this.bytes(new TextEncoder().encode(s));
    }
    /** A (ptr, len) pair at `addr`. */
    pair(addr, p) {
        this.u32(addr, p.ptr);
        this.u32(addr + 4, p.len);
    }
    image() {
        return this.buf.slice(0, this.length);
    }
}
/** Lays the report out in `data`: strings, bounds, one record per slot with its bucket counters (all zero). */
function layOutStats(data, c) {
    const reportAddr = data.alloc(elemSize(REPORT), alignment(REPORT));
    const slots = c.backends.length * c.functions.length;
    const bounds = c.bucketsNs.length;
    const boundsAddr = data.alloc(8 * bounds, 8);
    for (const [i, b] of c.bucketsNs.entries())
        data.u64(boundsAddr + 8 * i, b);
    const recordsAddr = data.alloc(FUNCTION_STATS_SIZE * slots, alignment(FUNCTION_STATS));
    const bucketsBase = data.alloc(8 * (bounds + 1) * slots, 8);
    const backendNames = c.backends.map((b) => data.string(b));
    const functionNames = c.functions.map((f) => data.string(f));
    const F = FUNCTION_STATS_FIELD;
    for (let b = 0; b < c.backends.length; b++) {
        for (let f = 0; f < c.functions.length; f++) {
            const slot = b * c.functions.length + f;
            const at = recordsAddr + slot * FUNCTION_STATS_SIZE;
            data.pair(at + F.get('backend'), backendNames[b]);
            data.pair(at + F.get('function'), functionNames[f]);
            data.pair(at + F.get('buckets'), { ptr: bucketsBase + slot * 8 * (bounds + 1), len: bounds + 1 });
        }
    }
    const R = REPORT_FIELD;
    data.pair(reportAddr + R.get('label'), data.string(c.label));
    data.pair(reportAddr + R.get('interface-name'), data.string(c.interfaceName));
    data.u8(reportAddr + R.get('role'), c.role === 'splitter' ? 0 : 1);
    data.u8(reportAddr + R.get('weight'), c.weight);
    const sticky = reportAddr + R.get('sticky');
    if (c.sticky !== null) {
        data.u8(sticky, 1);
        // option<string>: discriminant, then the string at the payload offset (4)
        data.pair(sticky + 4, data.string(c.sticky));
    }
    data.pair(reportAddr + R.get('bucket-bounds-ns'), { ptr: boundsAddr, len: bounds });
    data.pair(reportAddr + R.get('functions'), { ptr: recordsAddr, len: slots });
    return {
        reportAddr,
        memoryBytesAddr: reportAddr + R.get('memory-bytes'),
        boundsAddr,
        bounds,
        slots,
        recordAddr: (slot) => recordsAddr + slot * FUNCTION_STATS_SIZE,
        bucketsAddr: (slot) => bucketsBase + slot * 8 * (bounds + 1),
    };
}

// EXTERNAL MODULE: ./build/shared/component/binary/io.js
var io = __webpack_require__(2586);
;// CONCATENATED MODULE: ./build/shared/interpose/wasm.js
/**
 * A small encoder of core WebAssembly modules (the binary format of the core
 * specification, MVP plus the mutable-globals, multi-value and bulk-memory
 * features every engine has): types, imports, functions, memory, globals,
 * exports, code and data. The interposer generator writes its two core
 * modules with it; nothing here knows about the component model.
 *
 * Indices follow the binary format: imported functions (and globals) come
 * before defined ones, so every import must be added before the first
 * definition of its kind.
 */

const VALTYPE = { i32: 0x7f, i64: 0x7e, f32: 0x7d, f64: 0x7c };
/** A module under construction. */
class ModuleBuilder {
    types = [];
    typeKeys = new Map();
    imports = [];
    funcs = [];
    memories = [];
    globals = [];
    exports = [];
    data = [];
    importedFuncs = 0;
    importedGlobals = 0;
    importedMemories = 0;
    /** The index of a function type, shared by equal signatures. */
    type(sig) {
        const key = `${sig.params.join(',')}>${sig.results.join(',')}`;
        const known = this.typeKeys.get(key);
        if (known !== undefined)
            return known;
        this.types.push({ params: [...sig.params], results: [...sig.results] });
        this.typeKeys.set(key, this.types.length - 1);
        return this.types.length - 1;
    }
    importFunc(module, name, sig) {
        if (this.funcs.length > 0)
            throw new Error(`import ${module}.${name} added after a defined function`);
        this.imports.push({ module, name, desc: { kind: 'func', type: this.type(sig) } });
        return this.importedFuncs++;
    }
    importMemory(module, name, min, max = null) {
        if (this.memories.length > 0)
            throw new Error(`memory import ${module}.${name} added after a defined memory`);
        this.imports.push({ module, name, desc: { kind: 'memory', min, max } });
        return this.importedMemories++;
    }
    importGlobal(module, name, type, mutable) {
        if (this.globals.length > 0)
            throw new Error(`global import ${module}.${name} added after a defined global`);
        this.imports.push({ module, name, desc: { kind: 'global', type, mutable } });
        return this.importedGlobals++;
    }
    memory(min, max = null) {
        this.memories.push({ min, max });
        return this.importedMemories + this.memories.length - 1;
    }
    /** A global with a constant initial value. */
    global(type, mutable, init) {
        const c = new Code();
        if (type === 'i32')
            c.i32Const(Number(init));
        else if (type === 'i64')
            c.i64Const(BigInt(init));
        else
            throw new Error('only integer globals are supported');
        c.end();
        this.globals.push({ type, mutable, init: c.bytes() });
        return this.importedGlobals + this.globals.length - 1;
    }
    /** Defines a function; `build` writes its body (without the final `end`) into `f`. */
    func(sig, build) {
        const f = new FuncBuilder(sig.params);
        build(f);
        f.end();
        this.funcs.push({ type: this.type(sig), locals: f.extraLocals, body: f.bytes() });
        return this.importedFuncs + this.funcs.length - 1;
    }
    /** Reserves a function index whose body is given later with `define` (for mutual calls). */
    declare(sig) {
        this.funcs.push({ type: this.type(sig), locals: [], body: new Uint8Array(0) });
        return this.importedFuncs + this.funcs.length - 1;
    }
    define(index, build) {
        const d = this.funcs[index - this.importedFuncs];
        if (d === undefined || d.body.length > 0)
            throw new Error(`function ${index} was not declared or is already defined`);
        const sig = this.types[d.type];
        const f = new FuncBuilder(sig.params);
        build(f);
        f.end();
        d.locals = f.extraLocals;
        d.body = f.bytes();
    }
    exportFunc(name, index) {
        this.exports.push({ name, kind: 0x00, index });
    }
    exportMemory(name, index) {
        this.exports.push({ name, kind: 0x02, index });
    }
    exportGlobal(name, index) {
        this.exports.push({ name, kind: 0x03, index });
    }
    /** An active data segment at a constant offset. */
    dataSegment(offset, bytes, memory = 0) {
        this.data.push({ memory, offset, bytes });
    }
    encode() {
        for (const [i, f] of this.funcs.entries()) {
            if (f.body.length === 0)
                throw new Error(`function ${this.importedFuncs + i} was declared but never defined`);
        }
        const w = new io/* ByteWriter */.U();
        w.bytes(Uint8Array.of(0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00));
        const section = (id, write, count) => {
            if (count === 0)
                return;
            const b = new io/* ByteWriter */.U();
            write(b);
            w.byte(id);
            w.u32(b.length);
            w.append(b);
        };
        const limits = (b, min, max) => {
            if (max === null) {
                b.byte(0x00);
                b.u32(min);
            }
            else {
                b.byte(0x01);
                b.u32(min);
                b.u32(max);
            }
        };
        section(1, (b) => b.vec(this.types, (t) => {
            b.byte(0x60);
            b.vec(t.params, (p) => b.byte(VALTYPE[p]));
            b.vec(t.results, (r) => b.byte(VALTYPE[r]));
        }), this.types.length);
        section(2, (b) => b.vec(this.imports, (i) => {
            b.name(i.module);
            b.name(i.name);
            switch (i.desc.kind) {
                case 'func':
                    b.byte(0x00);
                    b.u32(i.desc.type);
                    break;
                case 'memory':
                    b.byte(0x02);
                    limits(b, i.desc.min, i.desc.max);
                    break;
                case 'global':
                    b.byte(0x03);
                    b.byte(VALTYPE[i.desc.type]);
                    b.byte(i.desc.mutable ? 1 : 0);
                    break;
            }
        }), this.imports.length);
        section(3, (b) => b.vec(this.funcs, (f) => b.u32(f.type)), this.funcs.length);
        section(5, (b) => b.vec(this.memories, (m) => limits(b, m.min, m.max)), this.memories.length);
        section(6, (b) => b.vec(this.globals, (g) => {
            b.byte(VALTYPE[g.type]);
            b.byte(g.mutable ? 1 : 0);
            b.bytes(g.init);
        }), this.globals.length);
        section(7, (b) => b.vec(this.exports, (e) => {
            b.name(e.name);
            b.byte(e.kind);
            b.u32(e.index);
        }), this.exports.length);
        // the data count section (bulk memory) lets code use memory.copy before the data section
        section(12, (b) => b.u32(this.data.length), this.data.length);
        section(10, (b) => b.vec(this.funcs, (f) => {
            const body = new io/* ByteWriter */.U();
            // locals run-length encoded by type
            const runs = [];
            for (const l of f.locals) {
                const last = runs[runs.length - 1];
                if (last !== undefined && last[1] === l)
                    last[0]++;
                else
                    runs.push([1, l]);
            }
            body.vec(runs, ([n, t]) => {
                body.u32(n);
                body.byte(VALTYPE[t]);
            });
            body.bytes(f.body);
            b.u32(body.length);
            b.append(body);
        }), this.funcs.length);
        section(11, (b) => b.vec(this.data, (d) => {
            if (d.memory === 0)
                b.byte(0x00);
            else {
                b.byte(0x02);
                b.u32(d.memory);
            }
            const c = new Code();
            c.i32Const(d.offset);
            c.end();
            b.bytes(c.bytes());
            b.u32(d.bytes.length);
            b.bytes(d.bytes);
        }), this.data.length);
        return w.finish();
    }
}
/** An instruction sequence; the methods are named after the instructions. */
class Code {
    out = [];
    bytes() {
        return Uint8Array.from(this.out);
    }
    op(...bytes) {
        for (const b of bytes)
            this.out.push(b);
        return this;
    }
    u32(v) {
        if (!Number.isInteger(v) || v < 0 || v > 0xffffffff)
            throw new RangeError(`u32 immediate out of range: ${v}`);
        do {
            let b = v % 128;
            v = Math.floor(v / 128);
            if (v !== 0)
                b |= 0x80;
            this.out.push(b);
        } while (v !== 0);
        return this;
    }
    sleb(v) {
        for (;;) {
            const b = Number(v & 0x7fn);
            v >>= 7n;
            const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
            this.out.push(done ? b : b | 0x80);
            if (done)
                return this;
        }
    }
    // ---- control
    unreachable() {
        return this.op(0x00);
    }
    block(t = null) {
        return this.op(0x02, t === null ? 0x40 : VALTYPE[t]);
    }
    loop(t = null) {
        return this.op(0x03, t === null ? 0x40 : VALTYPE[t]);
    }
    if(t = null) {
        return this.op(0x04, t === null ? 0x40 : VALTYPE[t]);
    }
    else() {
        return this.op(0x05);
    }
    end() {
        return this.op(0x0b);
    }
    br(depth) {
        return this.op(0x0c).u32(depth);
    }
    brIf(depth) {
        return this.op(0x0d).u32(depth);
    }
    return() {
        return this.op(0x0f);
    }
    call(func) {
        return this.op(0x10).u32(func);
    }
    drop() {
        return this.op(0x1a);
    }
    select() {
        return this.op(0x1b);
    }
    // ---- variables
    localGet(i) {
        return this.op(0x20).u32(i);
    }
    localSet(i) {
        return this.op(0x21).u32(i);
    }
    localTee(i) {
        return this.op(0x22).u32(i);
    }
    globalGet(i) {
        return this.op(0x23).u32(i);
    }
    globalSet(i) {
        return this.op(0x24).u32(i);
    }
    // ---- memory (alignment given as bytes, encoded as its log2)
    memarg(opcode, offset, align) {
        return this.op(opcode).u32(Math.log2(align)).u32(offset);
    }
    i32Load(offset = 0, align = 4) {
        return this.memarg(0x28, offset, align);
    }
    i64Load(offset = 0, align = 8) {
        return this.memarg(0x29, offset, align);
    }
    f32Load(offset = 0, align = 4) {
        return this.memarg(0x2a, offset, align);
    }
    f64Load(offset = 0, align = 8) {
        return this.memarg(0x2b, offset, align);
    }
    i32Load8U(offset = 0) {
        return this.memarg(0x2d, offset, 1);
    }
    i32Load16U(offset = 0, align = 2) {
        return this.memarg(0x2f, offset, align);
    }
    i32Store(offset = 0, align = 4) {
        return this.memarg(0x36, offset, align);
    }
    i64Store(offset = 0, align = 8) {
        return this.memarg(0x37, offset, align);
    }
    i32Load16S(offset = 0, align = 2) {
        return this.memarg(0x2e, offset, align);
    }
    i32Store8(offset = 0) {
        return this.memarg(0x3a, offset, 1);
    }
    memorySize() {
        return this.op(0x3f, 0x00);
    }
    memoryGrow() {
        return this.op(0x40, 0x00);
    }
    memoryCopy() {
        return this.op(0xfc).u32(10).op(0x00, 0x00);
    }
    // ---- constants
    i32Const(v) {
        if (!Number.isInteger(v) || v < -0x80000000 || v > 0xffffffff)
            throw new RangeError(`i32 constant out of range: ${v}`);
        return this.op(0x41).sleb(BigInt(v > 0x7fffffff ? v - 0x100000000 : v));
    }
    i64Const(v) {
        return this.op(0x42).sleb(BigInt.asIntN(64, v));
    }
    // ---- numeric
    i32Eqz() {
        return this.op(0x45);
    }
    i32Eq() {
        return this.op(0x46);
    }
    i32Ne() {
        return this.op(0x47);
    }
    i32LtU() {
        return this.op(0x49);
    }
    i32GtU() {
        return this.op(0x4b);
    }
    i32LeU() {
        return this.op(0x4d);
    }
    i32GeU() {
        return this.op(0x4f);
    }
    i64GtU() {
        return this.op(0x56);
    }
    i64LeU() {
        return this.op(0x58);
    }
    i32Add() {
        return this.op(0x6a);
    }
    i32Sub() {
        return this.op(0x6b);
    }
    i32Mul() {
        return this.op(0x6c);
    }
    i32DivU() {
        return this.op(0x6e);
    }
    i32RemU() {
        return this.op(0x70);
    }
    i32And() {
        return this.op(0x71);
    }
    i32Or() {
        return this.op(0x72);
    }
    i32Xor() {
        return this.op(0x73);
    }
    i32Shl() {
        return this.op(0x74);
    }
    i32ShrU() {
        return this.op(0x76);
    }
    i64Add() {
        return this.op(0x7c);
    }
    i64Sub() {
        return this.op(0x7d);
    }
    i64Shl() {
        return this.op(0x86);
    }
    i64GtS() {
        return this.op(0x55);
    }
    i32WrapI64() {
        return this.op(0xa7);
    }
    i64ExtendI32U() {
        return this.op(0xad);
    }
}
/** A function body: `Code` with locals (parameters first). */
class FuncBuilder extends Code {
    extraLocals = [];
    paramCount;
    constructor(params) {
        super();
        this.paramCount = params.length;
    }
    /** A new local of type `t`; its index. */
    local(t) {
        this.extraLocals.push(t);
        return this.paramCount + this.extraLocals.length - 1;
    }
}

;// CONCATENATED MODULE: ./build/shared/interpose/generate.js








/** The host interface a tracing tap imports (wit/interpose/trace.wit). */
const TRACE_INTERFACE = 'flotilla:interpose/trace@0.1.0';
const CANARY_HEADER = 'x-flotilla-canary';
const DEFAULT_CLOCK = 'wasi:clocks/monotonic-clock@0.2.0';
/** Where the first byte of static data goes (0 stays unused: a null pointer is never valid data). */
const STATIC_BASE = 16;
/** Reads the interface from a component that exports or imports it and writes a splitter for it. */
function generateSplitter(component, options, source = 'the component') {
    return buildInterposer(readInterface(component, options.interface, source), 'splitter', options);
}
/** The same generator with one backend (imported under the interface's own name): a pass-through that records stats. */
function generateTap(component, options, source = 'the component') {
    return buildInterposer(readInterface(component, options.interface, source), 'tap', options);
}
/** A kebab-case label from an interface name: `ecommerce:platform/users@1.0.0` → `users`. */
function defaultLabel(interfaceName) {
    const base = interfaceName.replace(/@.*$/, '').replace(/^.*\//, '');
    return toKebab(base) || 'interface';
}
/** Lowercase kebab-case (words of letters and digits, each starting with a letter). */
function toKebab(s) {
    return s
        .toLowerCase()
        .split(/[^a-z0-9]+/)
        .filter((w) => w !== '')
        .map((w) => (/^[a-z]/.test(w) ? w : `n${w}`))
        .join('-');
}
const KEBAB = /^[a-z][a-z0-9]*(?:-[a-z][a-z0-9]*)*$/;
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
function checkOptions(model, role, o) {
    const weight = role === 'tap' ? 0 : (o.weight ?? 0);
    if (!Number.isInteger(weight) || weight < 0 || weight > 100) {
        throw new errors_InterposeError('INTERPOSE_OPTIONS', `the weight must be a whole number from 0 to 100 (percent of calls to canary), got ${weight}`);
    }
    const sticky = role === 'tap' ? null : (o.sticky ?? null);
    if (sticky !== null) {
        if (!isHttpHandler(model.name)) {
            throw new errors_InterposeError('INTERPOSE_OPTIONS', `sticky routing reads an HTTP header or cookie, so it needs wasi:http/incoming-handler; \`${model.name}\` is routed by weight only`);
        }
        const name = 'header' in sticky ? sticky.header : sticky.cookie;
        if (!TOKEN.test(name) || name.length > 256) {
            throw new errors_InterposeError('INTERPOSE_OPTIONS', `the sticky ${'header' in sticky ? 'header' : 'cookie'} name \`${name}\` is not an HTTP token`);
        }
    }
    const label = o.label ?? defaultLabel(model.name);
    if (!KEBAB.test(label) || label.length > 128) {
        throw new errors_InterposeError('INTERPOSE_OPTIONS', `the label \`${label}\` is not kebab-case (lowercase words of letters and digits, each starting with a letter, joined by -)`);
    }
    const bucketsNs = o.bucketsNs ?? DEFAULT_BUCKETS_NS;
    if (bucketsNs.length === 0 ||
        bucketsNs.length > 64 ||
        bucketsNs.some((b, i) => b <= 0n || (i > 0 && b <= bucketsNs[i - 1]))) {
        throw new errors_InterposeError('INTERPOSE_OPTIONS', 'latency bucket bounds must be 1 to 64 positive numbers of nanoseconds, ascending');
    }
    const clock = o.clockInterface ?? DEFAULT_CLOCK;
    if (!/^wasi:clocks\/monotonic-clock@0\.2\.\d+$/.test(clock)) {
        throw new errors_InterposeError('INTERPOSE_OPTIONS', `the clock interface must be wasi:clocks/monotonic-clock@0.2.x, got \`${clock}\``);
    }
    const trace = role === 'tap' ? (o.trace ?? null) : null;
    if (trace !== null && (trace.component.length === 0 || trace.component.length > 256)) {
        throw new errors_InterposeError('INTERPOSE_OPTIONS', 'the traced component name must be 1 to 256 characters');
    }
    return { role, weight, sticky, label, bucketsNs, clock, trace };
}
/** The instance type of `flotilla:interpose/trace@0.1.0` (wit/interpose/trace.wit). */
function traceInstanceType() {
    const str = { kind: 'prim', name: 'string' };
    const u64 = { kind: 'prim', name: 'u64' };
    const callEnded = {
        kind: 'func',
        async: false,
        params: [
            { name: 'component', type: str },
            { name: 'interface-name', type: str },
            { name: 'function', type: str },
            { name: 'start-ns', type: u64 },
            { name: 'end-ns', type: u64 },
            { name: 'failed', type: { kind: 'prim', name: 'bool' } },
        ],
        result: null,
    };
    return { kind: 'instance', exports: new Map([['call-ended', callEnded]]), declared: [] };
}
/** Builds the interposer component for an interface model. */
function buildInterposer(model, role, options) {
    const cfg = checkOptions(model, role, options);
    const backends = role === 'splitter' ? ['stable', 'canary'] : ['target'];
    const importNames = role === 'splitter' ? ['stable', 'canary'] : [model.name];
    const routeHttp = role === 'splitter' && model.http !== null;
    // ---- static data: the stats report, then the strings HTTP routing compares with
    const data = new StaticData(STATIC_BASE);
    const sticky = cfg.sticky === null ? null : 'header' in cfg.sticky ? `header:${cfg.sticky.header.toLowerCase()}` : `cookie:${cfg.sticky.cookie}`;
    const stats = layOutStats(data, {
        label: cfg.label,
        interfaceName: model.name,
        role,
        weight: cfg.weight,
        sticky,
        bucketsNs: cfg.bucketsNs,
        backends,
        functions: model.functions.map((f) => f.name),
    });
    const strings = {
        canaryHeader: data.string(CANARY_HEADER),
        always: data.string('always'),
        never: data.string('never'),
        cookieHeader: data.string('cookie'),
        sticky: cfg.sticky === null ? null : data.string('header' in cfg.sticky ? cfg.sticky.header.toLowerCase() : cfg.sticky.cookie),
    };
    const traceStrings = cfg.trace === null
        ? null
        : {
            component: data.string(cfg.trace.component),
            interface: data.string(model.name),
            functions: model.functions.map((f) => data.string(f.name)),
        };
    const heapBase = alignTo(STATIC_BASE + data.length, 16);
    const pages = Math.max(1, Math.ceil(heapBase / 65536));
    // ---- component: imports
    const out = new ComponentAssembler();
    const used = withClock(model.imports, cfg.clock);
    const importIndex = new Map();
    for (const u of used)
        importIndex.set(u.name, out.importInstance(u.name, u.type, true));
    const backendInstances = importNames.map((n) => out.importInstance(n, model.type, false));
    const traceInstance = cfg.trace !== null ? out.importInstance(TRACE_INTERFACE, traceInstanceType(), false) : -1;
    // resources whose borrows the splitter receives and must drop before it returns
    const borrowed = borrowedResources(model);
    // ---- core module `alloc`
    const alloc = allocModule(pages, heapBase);
    const main = mainModule(model, cfg, backends.length, data, stats, strings, heapBase, pages, routeHttp, borrowed, traceStrings);
    const allocModuleIdx = out.coreModule(alloc);
    const mainModuleIdx = out.coreModule(main);
    const a = out.coreInstantiate(allocModuleIdx, []);
    const memory = out.coreMemoryExport(a, 'memory');
    const realloc = out.coreFuncExport(a, 'realloc');
    const memOpts = [{ kind: 'utf8' }, { kind: 'memory', index: memory }, { kind: 'realloc', index: realloc }];
    // only the options a function needs: jco's glue for a call without them is lighter
    const opts = (memoryNeeded, reallocNeeded) => [
        ...(memoryNeeded ? [{ kind: 'utf8' }, { kind: 'memory', index: memory }] : []),
        ...(reallocNeeded ? [{ kind: 'realloc', index: realloc }] : []),
    ];
    // host functions: the clock, header access, resource drops
    const clockInstance = importIndex.get(used.find((u) => isClock(u.name))?.name);
    const hostFuncs = [{ name: 'now', index: out.lower(out.aliasFunc(clockInstance, 'now'), []) }];
    if (routeHttp && model.http !== null) {
        const http = importIndex.get(model.http.importName);
        hostFuncs.push({ name: 'headers', index: out.lower(out.aliasFunc(http, '[method]incoming-request.headers'), []) });
        hostFuncs.push({ name: 'get', index: out.lower(out.aliasFunc(http, '[method]fields.get'), memOpts) });
        hostFuncs.push({ name: 'drop-fields', index: out.resourceDrop(resourceTypeIndex(out, model.http.fields)) });
    }
    for (const [i, r] of borrowed.entries())
        hostFuncs.push({ name: `drop-${i}`, index: out.resourceDrop(resourceTypeIndex(out, r)) });
    // the strings are the interposer's static data: the host reads them from its memory
    if (traceInstance >= 0)
        hostFuncs.push({ name: 'call-ended', index: out.lower(out.aliasFunc(traceInstance, 'call-ended'), opts(true, false)) });
    const host = out.coreInstanceOf(hostFuncs);
    const backendCore = backendInstances.map((inst) => out.coreInstanceOf(model.functions.map((f, k) => {
        const need = optionNeeds(f.type);
        return { name: `f${k}`, index: out.lower(out.aliasFunc(inst, f.name), opts(need.lowerMemory, need.lowerRealloc)) };
    })));
    const m = out.coreInstantiate(mainModuleIdx, [
        { name: 'alloc', instance: a },
        { name: 'host', instance: host },
        ...backendCore.map((instance, b) => ({ name: `b${b}`, instance })),
    ]);
    // ---- exports: the interface, then the stats
    exportInstance(out, model.name, model.type, (name, f) => {
        const k = model.functions.findIndex((x) => x.name === name);
        const need = optionNeeds(f);
        // an HTTP splitter reads the request's headers into its memory: that allocates too
        const allocates = need.allocates || (routeHttp && requestParam(f) >= 0);
        const post = allocates ? [{ kind: 'post-return', index: out.coreFuncExport(m, `post${k}`) }] : [];
        return out.lift(out.coreFuncExport(m, `f${k}`), (0,type_encoder/* funcTypeIndex */.vh)(out, f), [...opts(need.liftMemory, need.liftRealloc), ...post]);
    });
    // the report is static data: read from memory, nothing to free
    exportInstance(out, STATS_INTERFACE, statsInstanceType(), (_name, f) => out.lift(out.coreFuncExport(m, 'snapshot'), (0,type_encoder/* funcTypeIndex */.vh)(out, f), opts(true, false)));
    out.custom('producers', producers());
    return out.encode();
}
function isClock(name) {
    return /^wasi:clocks\/monotonic-clock@/.test(name);
}
/** The used imports with `now` added to the monotonic clock (imported for it if the interface does not use it already). */
function withClock(imports, clock) {
    const now = { kind: 'func', async: false, params: [], result: { kind: 'prim', name: 'u64' } };
    const existing = imports.find((u) => isClock(u.name));
    if (existing === undefined) {
        return [...imports, { name: clock, type: { kind: 'instance', exports: new Map([['now', now]]), declared: [] } }];
    }
    return imports.map((u) => {
        if (u !== existing || u.type.exports.has('now'))
            return u;
        const exports = new Map(u.type.exports);
        exports.set('now', now);
        return { name: u.name, type: { ...u.type, exports } };
    });
}
function resourceTypeIndex(out, r) {
    const idx = out.find(r);
    if (idx === undefined)
        throw new errors_InterposeError('INTERPOSE_UNSHARED_RESOURCE', `the resource \`${r.name}\` is not imported by the interposer`);
    return idx;
}
/**
 * Exports an instance of type `t` under `name`: the functions made by `lift`,
 * through a shim component that names every type they use (see shim.ts).
 */
function exportInstance(out, name, t, lift) {
    const shim = buildShim(t);
    const args = [];
    for (const a of shim.args) {
        if (a.sort === 'func') {
            const f = t.exports.get(a.value);
            args.push({ name: a.name, item: { sort: { kind: 'func' }, index: lift(a.value, f) } });
        }
        else {
            const v = a.value;
            const index = v.kind === 'resource' ? resourceTypeIndex(out, v) : (0,type_encoder/* typeIndex */.zW)(out, v);
            args.push({ name: a.name, item: { sort: { kind: 'type' }, index } });
        }
    }
    const instance = out.instantiate(out.component(shim.component), args);
    out.export(name, { sort: { kind: 'instance' }, index: instance });
}
function producers() {
    // producers section: one field, processed-by, with one (name, version) pair
    const enc = new TextEncoder();
    const str = (s) => {
        const b = enc.encode(s);
        return [b.length, ...b];
    };
    return Uint8Array.from([1, ...str('processed-by'), 1, ...str('flotilla-interpose'), ...str('0.1.0')]);
}
/** Resources of which some function receives a borrow (anywhere in its parameters). */
function borrowedResources(model) {
    const out = [];
    for (const f of model.functions) {
        for (const p of f.type.params) {
            contains(p.type, (t) => {
                if (t.kind === 'borrow' && !out.includes(t.resource))
                    out.push(t.resource);
                return false;
            });
        }
    }
    return out;
}
// ---- the allocator module ------------------------------------------------------
/**
 * Memory, bump pointer and `realloc(old, old_size, align, new_size)`:
 * growing an allocation copies it to a new one (the canonical ABI may grow a
 * string it is transcoding), shrinking keeps it in place.
 */
function allocModule(pages, heapBase) {
    const mb = new ModuleBuilder();
    const mem = mb.memory(pages);
    mb.exportMemory('memory', mem);
    const heap = mb.global('i32', true, heapBase);
    mb.exportGlobal('heap', heap);
    const realloc = mb.func({ params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, (f) => {
        const [old, oldSize, align, size] = [0, 1, 2, 3];
        const p = f.local('i32');
        const end = f.local('i32');
        // shrinking or keeping the size: in place
        f.localGet(old).i32Eqz().i32Eqz().localGet(size).localGet(oldSize).i32LeU().i32And();
        f.if().localGet(old).return().end();
        // p = align_up(heap, align); end = p + size (trap on overflow)
        f.globalGet(heap).localGet(align).i32Add().i32Const(1).i32Sub().i32Const(0).localGet(align).i32Sub().i32And().localSet(p);
        f.localGet(p).localGet(size).i32Add().localTee(end).localGet(p).i32LtU();
        f.localGet(end).i32Const(0xffff0000).i32GtU().i32Or();
        f.if().unreachable().end();
        // grow the memory when the end is past it
        f.localGet(end).memorySize().i32Const(16).i32Shl().i32GtU();
        f.if();
        f.localGet(end).i32Const(0xffff).i32Add().i32Const(16).i32ShrU().memorySize().i32Sub().memoryGrow().i32Const(-1).i32Eq();
        f.if().unreachable().end();
        f.end();
        f.localGet(end).globalSet(heap);
        f.localGet(old).if().localGet(p).localGet(old).localGet(oldSize).memoryCopy().end();
        f.localGet(p);
    });
    mb.exportFunc('realloc', realloc);
    return mb.encode();
}
function mainModule(model, cfg, backendCount, data, stats, strings, heapBase, pages, routeHttp, borrowed, traceStrings) {
    const mb = new ModuleBuilder();
    const F = model.functions.length;
    // imports (all before definitions)
    mb.importMemory('alloc', 'memory', pages);
    const heap = mb.importGlobal('alloc', 'heap', 'i32', true);
    const realloc = mb.importFunc('alloc', 'realloc', { params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] });
    const now = mb.importFunc('host', 'now', { params: [], results: ['i64'] });
    let headers = -1;
    let get = -1;
    let dropFields = -1;
    if (routeHttp) {
        headers = mb.importFunc('host', 'headers', { params: ['i32'], results: ['i32'] });
        get = mb.importFunc('host', 'get', { params: ['i32', 'i32', 'i32', 'i32'], results: [] });
        dropFields = mb.importFunc('host', 'drop-fields', { params: ['i32'], results: [] });
    }
    const dropBorrow = new Map();
    for (const [i, r] of borrowed.entries())
        dropBorrow.set(r, mb.importFunc('host', `drop-${i}`, { params: ['i32'], results: [] }));
    const callEnded = traceStrings !== null
        ? mb.importFunc('host', 'call-ended', { params: ['i32', 'i32', 'i32', 'i32', 'i32', 'i32', 'i64', 'i64', 'i32'], results: [] })
        : -1;
    const backendFuncs = [];
    for (let b = 0; b < backendCount; b++) {
        backendFuncs.push(model.functions.map((f, k) => mb.importFunc(`b${b}`, `f${k}`, f.flat.lower)));
    }
    const counter = mb.global('i32', true, 0);
    // alloc(size, align) -> ptr
    const allocate = mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
        f.i32Const(0).i32Const(0).localGet(1).localGet(0).call(realloc);
    });
    // record(slot, latency, is_err)
    const record = mb.func({ params: ['i32', 'i64', 'i32'], results: [] }, (f) => {
        const [slot, dt, err] = [0, 1, 2];
        const at = f.local('i32');
        const old = f.local('i64');
        const i = f.local('i32');
        const FS = FUNCTION_STATS_FIELD;
        const rec0 = stats.recordAddr(0);
        const recSize = stats.recordAddr(1) - rec0 || 56;
        f.localGet(slot).i32Const(recSize).i32Mul().i32Const(rec0).i32Add().localSet(at);
        const bump = (field, value) => {
            const off = FS.get(field);
            f.localGet(at).localGet(at).i64Load(off);
            value(f);
            f.i64Add().i64Store(off);
        };
        bump('calls', (g) => g.i64Const(1n));
        bump('errors', (g) => g.localGet(err).i64ExtendI32U());
        bump('total-latency-ns', (g) => g.localGet(dt));
        const maxOff = FS.get('max-latency-ns');
        f.localGet(at).i64Load(maxOff).localSet(old);
        f.localGet(at).localGet(dt).localGet(old).localGet(dt).localGet(old).i64GtU().select().i64Store(maxOff);
        // bucket: the first bound >= latency, or the last (+Inf) counter
        f.i32Const(0).localSet(i);
        f.block().loop();
        f.localGet(i).i32Const(stats.bounds).i32GeU().brIf(1);
        f.localGet(dt).localGet(i).i32Const(8).i32Mul().i32Const(stats.boundsAddr).i32Add().i64Load().i64LeU().brIf(1);
        f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
        f.end().end();
        const b0 = stats.bucketsAddr(0);
        const bucketsPerSlot = stats.bounds + 1;
        f.localGet(slot)
            .i32Const(bucketsPerSlot * 8)
            .i32Mul()
            .i32Const(b0)
            .i32Add()
            .localGet(i)
            .i32Const(8)
            .i32Mul()
            .i32Add()
            .localTee(at);
        f.localGet(at).i64Load().i64Const(1n).i64Add().i64Store();
    });
    // route() -> 1 for canary: of every 100 consecutive calls exactly `weight`, spread evenly
    const W = cfg.weight;
    const route = mb.func({ params: [], results: ['i32'] }, (f) => {
        if (cfg.role === 'tap' || W === 0) {
            f.i32Const(0);
            return;
        }
        if (W === 100) {
            f.i32Const(1);
            return;
        }
        const c = f.local('i32');
        const next = f.local('i32');
        // canary iff floor((n+1)W/100) > floor(nW/100), n cycling through 0..99
        f.globalGet(counter).i32Const(1).i32Add().localTee(next).i32Const(W).i32Mul().i32Const(100).i32DivU();
        f.globalGet(counter).i32Const(W).i32Mul().i32Const(100).i32DivU().i32GtU().localSet(c);
        f.localGet(next).localGet(next).i32Const(100).i32Ne().i32Mul().globalSet(counter);
        f.localGet(c);
    });
    const routeRequest = routeHttp ? httpRouting(mb, cfg, strings, { headers, get, dropFields, allocate, route }) : -1;
    // the forwarding functions
    for (const [k, fn] of model.functions.entries()) {
        const flat = fn.flat;
        const exported = mb.func(flat.lift, (f) => {
            const backend = f.local('i32');
            const t0 = f.local('i64');
            const dt = f.local('i64');
            const ret = flat.resultsInMemory ? f.local('i32') : -1;
            const res = !flat.resultsInMemory && flat.results.length === 1 ? f.local(flat.results[0]) : -1;
            // which backend
            const req = routeRequest >= 0 ? requestParam(fn.type) : -1;
            if (req >= 0 && !flat.paramsInMemory)
                f.localGet(req).call(routeRequest);
            else
                f.call(route);
            f.localSet(backend);
            if (flat.resultsInMemory) {
                const r = fn.type.result;
                f.i32Const(elemSize(r)).i32Const(alignment(r)).call(allocate).localSet(ret);
            }
            f.call(now).localSet(t0);
            const forward = (b) => {
                for (let p = 0; p < flat.lift.params.length; p++)
                    f.localGet(p);
                if (flat.resultsInMemory)
                    f.localGet(ret);
                f.call(backendFuncs[b]?.[k]);
                if (res >= 0)
                    f.localSet(res);
            };
            if (backendCount === 1)
                forward(0);
            else {
                f.localGet(backend).if();
                forward(1);
                f.else();
                forward(0);
                f.end();
            }
            const t1 = f.local('i64');
            const failed = f.local('i32');
            f.call(now).localTee(t1).localGet(t0).i64Sub().localSet(dt);
            if (fn.type.result?.kind === 'result') {
                if (flat.resultsInMemory)
                    f.localGet(ret).i32Load8U();
                else
                    f.localGet(res).i32Const(1).i32Eq();
            }
            else
                f.i32Const(0);
            f.localSet(failed);
            // slot, latency, is_err
            f.localGet(backend).i32Const(F).i32Mul().i32Const(k).i32Add().localGet(dt).localGet(failed);
            f.call(record);
            if (traceStrings !== null) {
                const fname = traceStrings.functions[k];
                for (const s of [traceStrings.component, traceStrings.interface, fname])
                    f.i32Const(s.ptr).i32Const(s.len);
                f.localGet(t0).localGet(t1).localGet(failed).call(callEnded);
            }
            // borrows received must be dropped before returning (the canonical ABI traps otherwise)
            dropParamBorrows(f, fn.type, flat.paramsInMemory, dropBorrow);
            if (flat.resultsInMemory)
                f.localGet(ret);
            else if (res >= 0)
                f.localGet(res);
        });
        mb.exportFunc(`f${k}`, exported);
        const post = mb.func({ params: flat.lift.results, results: [] }, (f) => {
            f.i32Const(heapBase).globalSet(heap);
        });
        mb.exportFunc(`post${k}`, post);
    }
    // snapshot() -> pointer to the report, after writing the memory size into it
    const snapshot = mb.func({ params: [], results: ['i32'] }, (f) => {
        f.i32Const(stats.memoryBytesAddr).memorySize().i64ExtendI32U().i64Const(16n).i64Shl().i64Store();
        f.i32Const(stats.reportAddr);
    });
    mb.exportFunc('snapshot', snapshot);
    mb.dataSegment(STATIC_BASE, data.image());
    return mb.encode();
}
/** Flat index of the `own<incoming-request>` parameter, or -1. */
function requestParam(f) {
    let at = 0;
    for (const p of f.params) {
        if (p.type.kind === 'own' && p.type.resource.name === 'incoming-request')
            return at;
        at += flatten(p.type).length;
    }
    return -1;
}
/**
 * routeRequest(request) -> 1 for canary. `x-flotilla-canary: always|never`
 * decides first; then the sticky header or cookie, hashed (FNV-1a) into 100
 * buckets of which the first `weight` go to canary; then the weight counter.
 * The headers' `fields` handle is a child of the request: it is dropped
 * before the request is forwarded.
 */
function httpRouting(mb, cfg, s, h) {
    // lower(byte): ASCII lowercase
    const lower = mb.func({ params: ['i32'], results: ['i32'] }, (f) => {
        f.localGet(0).i32Const(32).i32Or().localGet(0).localGet(0).i32Const(65).i32Sub().i32Const(26).i32LtU().select();
    });
    // equalsIgnoreCase(p, l, q, m) -> i32
    const equals = mb.func({ params: ['i32', 'i32', 'i32', 'i32'], results: ['i32'] }, (f) => {
        const i = f.local('i32');
        f.localGet(1).localGet(3).i32Ne().if().i32Const(0).return().end();
        f.block().loop();
        f.localGet(i).localGet(1).i32GeU().brIf(1);
        f.localGet(0).localGet(i).i32Add().i32Load8U().call(lower);
        f.localGet(2).localGet(i).i32Add().i32Load8U().call(lower);
        f.i32Ne().if().i32Const(0).return().end();
        f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
        f.end().end();
        f.i32Const(1);
    });
    // hash(p, l) -> 31-bit FNV-1a
    const hash = mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
        const i = f.local('i32');
        const x = f.local('i32');
        f.i32Const(0x811c9dc5).localSet(x);
        f.block().loop();
        f.localGet(i).localGet(1).i32GeU().brIf(1);
        f.localGet(x).localGet(0).localGet(i).i32Add().i32Load8U().i32Xor().i32Const(0x01000193).i32Mul().localSet(x);
        f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
        f.end().end();
        f.localGet(x).i32Const(0x7fffffff).i32And();
    });
    // cookie(p, l) -> hash of the named cookie's value in a Cookie header value, or -1
    const cookie = s.sticky !== null && cfg.sticky !== null && 'cookie' in cfg.sticky
        ? mb.func({ params: ['i32', 'i32'], results: ['i32'] }, (f) => {
            const name = s.sticky;
            const i = f.local('i32');
            const e = f.local('i32');
            const c = f.local('i32');
            const byteAt = (idx) => f.localGet(0).localGet(idx).i32Add().i32Load8U();
            f.block().loop();
            // skip separators
            f.block().loop();
            f.localGet(i).localGet(1).i32GeU().brIf(1);
            byteAt(i);
            f.localTee(c).i32Const(32).i32Eq().localGet(c).i32Const(59).i32Eq().i32Or().localGet(c).i32Const(9).i32Eq().i32Or();
            f.i32Eqz().brIf(1);
            f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
            f.end().end();
            f.localGet(i).localGet(1).i32GeU().if().i32Const(-1).return().end();
            // name=?
            f.localGet(i).i32Const(name.len).i32Add().localGet(1).i32LtU();
            f.if();
            f.localGet(0).localGet(i).i32Add().i32Const(name.len).i32Const(name.ptr).i32Const(name.len).call(equals);
            f.localGet(0).localGet(i).i32Add().i32Const(name.len).i32Add().i32Load8U().i32Const(61).i32Eq().i32And();
            f.if();
            // the value runs to the next ';' (or the end)
            f.localGet(i)
                .i32Const(name.len + 1)
                .i32Add()
                .localTee(i)
                .localSet(e);
            f.block().loop();
            f.localGet(e).localGet(1).i32GeU().brIf(1);
            byteAt(e);
            f.i32Const(59).i32Eq().brIf(1);
            f.localGet(e).i32Const(1).i32Add().localSet(e).br(0);
            f.end().end();
            f.localGet(0).localGet(i).i32Add().localGet(e).localGet(i).i32Sub().call(hash).return();
            f.end();
            f.end();
            // skip to the next ';'
            f.block().loop();
            f.localGet(i).localGet(1).i32GeU().brIf(1);
            byteAt(i);
            f.i32Const(59).i32Eq().brIf(1);
            f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
            f.end().end();
            f.br(0);
            f.end().end();
            f.i32Const(-1);
        })
        : -1;
    const W = cfg.weight;
    return mb.func({ params: ['i32'], results: ['i32'] }, (f) => {
        const req = 0;
        const fields = f.local('i32');
        const ret = f.local('i32');
        const d = f.local('i32');
        const v = f.local('i32');
        const n = f.local('i32');
        const i = f.local('i32');
        const k = f.local('i32');
        f.i32Const(-1).localSet(d);
        f.localGet(req).call(h.headers).localSet(fields);
        f.i32Const(8).i32Const(4).call(h.allocate).localSet(ret);
        // values of a header: (ptr, len) of list<list<u8>> at ret
        const lookup = (name) => {
            f.localGet(fields).i32Const(name.ptr).i32Const(name.len).localGet(ret).call(h.get);
        };
        const firstValue = () => {
            // v = address of the first (ptr, len), when there is one
            f.localGet(ret).i32Load().localSet(v);
            f.localGet(ret).i32Load(4).localSet(n);
        };
        // 1. x-flotilla-canary: always | never
        lookup(s.canaryHeader);
        firstValue();
        f.localGet(n).if();
        f.localGet(v).i32Load().localGet(v).i32Load(4).i32Const(s.always.ptr).i32Const(s.always.len).call(equals);
        f.if().i32Const(1).localSet(d).end();
        f.localGet(v).i32Load().localGet(v).i32Load(4).i32Const(s.never.ptr).i32Const(s.never.len).call(equals);
        f.if().i32Const(0).localSet(d).end();
        f.end();
        // 2. sticky: a hash of the header's or cookie's value
        if (cfg.sticky !== null && s.sticky !== null) {
            f.localGet(d).i32Const(-1).i32Eq().if();
            if ('header' in cfg.sticky) {
                lookup(s.sticky);
                firstValue();
                f.localGet(n).if();
                f.localGet(v).i32Load().localGet(v).i32Load(4).call(hash).i32Const(100).i32RemU().i32Const(W).i32LtU().localSet(d);
                f.end();
            }
            else {
                lookup(s.cookieHeader);
                firstValue();
                f.block().loop();
                f.localGet(i).localGet(n).i32GeU().brIf(1);
                f.localGet(v).localGet(i).i32Const(8).i32Mul().i32Add().localTee(k).i32Load().localGet(k).i32Load(4).call(cookie).localTee(k);
                f.i32Const(-1).i32Ne().if();
                f.localGet(k).i32Const(100).i32RemU().i32Const(W).i32LtU().localSet(d).br(2);
                f.end();
                f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
                f.end().end();
            }
            f.end();
        }
        f.localGet(fields).call(h.dropFields);
        // 3. the weight
        f.localGet(d).i32Const(-1).i32Eq().if().call(h.route).localSet(d).end();
        f.localGet(d);
    });
}
// ---- borrow handles ---------------------------------------------------------------------
/**
 * Drops every borrow handle the parameters carry (flat, or in the parameter
 * tuple in memory; inside records, variants and lists too).
 */
function dropParamBorrows(f, fn, inMemory, drops) {
    if (drops.size === 0)
        return;
    if (inMemory) {
        dropInMemory(f, paramsTuple(fn), 0, 0, drops);
        return;
    }
    let at = 0;
    for (const p of fn.params) {
        const n = flatten(p.type).length;
        const slots = flatten(p.type).map((t, i) => ({ local: at + i, type: t }));
        dropFlat(f, p.type, slots, drops);
        at += n;
    }
}
const hasBorrow = (t) => contains(t, (u) => u.kind === 'borrow');
function getI32(f, s) {
    f.localGet(s.local);
    if (s.type === 'i64')
        f.i32WrapI64();
}
function dropFlat(f, t, slots, drops) {
    if (!hasBorrow(t))
        return;
    if (t.kind === 'borrow') {
        getI32(f, slots[0]);
        f.call(drops.get(t.resource));
        return;
    }
    const fields = recordFields(t);
    if (fields !== null) {
        let at = 0;
        for (const x of fields) {
            const n = flatten(x).length;
            dropFlat(f, x, slots.slice(at, at + n), drops);
            at += n;
        }
        return;
    }
    if (t.kind === 'list' && t.length !== null) {
        const n = flatten(t.element).length;
        for (let j = 0; j < t.length; j++)
            dropFlat(f, t.element, slots.slice(j * n, (j + 1) * n), drops);
        return;
    }
    if (t.kind === 'list' || t.kind === 'map') {
        const element = t.kind === 'list' ? t.element : { kind: 'tuple', types: [t.key, t.value] };
        const ptr = f.local('i32');
        const len = f.local('i32');
        getI32(f, slots[0]);
        f.localSet(ptr);
        getI32(f, slots[1]);
        f.localSet(len);
        dropListElements(f, element, ptr, len, drops);
        return;
    }
    const cases = variantCases(t);
    if (cases !== null) {
        const disc = slots[0];
        const payload = slots.slice(1);
        for (const [i, c] of cases.entries()) {
            if (c.type === null || !hasBorrow(c.type))
                continue;
            getI32(f, disc);
            f.i32Const(i).i32Eq().if();
            dropFlat(f, c.type, payload.slice(0, flatten(c.type).length), drops);
            f.end();
        }
    }
}
function dropListElements(f, element, ptr, len, drops) {
    const i = f.local('i32');
    const at = f.local('i32');
    f.block().loop();
    f.localGet(i).localGet(len).i32GeU().brIf(1);
    f.localGet(ptr).localGet(i).i32Const(elemSize(element)).i32Mul().i32Add().localSet(at);
    dropInMemory(f, element, at, 0, drops);
    f.localGet(i).i32Const(1).i32Add().localSet(i).br(0);
    f.end().end();
}
function dropInMemory(f, t, addr, offset, drops) {
    if (!hasBorrow(t))
        return;
    if (t.kind === 'borrow') {
        f.localGet(addr)
            .i32Load(offset)
            .call(drops.get(t.resource));
        return;
    }
    const fields = recordFields(t);
    if (fields !== null) {
        const offs = fieldOffsets(fields);
        for (const [j, x] of fields.entries())
            dropInMemory(f, x, addr, offset + offs[j], drops);
        return;
    }
    if (t.kind === 'list' && t.length !== null) {
        for (let j = 0; j < t.length; j++)
            dropInMemory(f, t.element, addr, offset + j * elemSize(t.element), drops);
        return;
    }
    if (t.kind === 'list' || t.kind === 'map') {
        const element = t.kind === 'list' ? t.element : { kind: 'tuple', types: [t.key, t.value] };
        const ptr = f.local('i32');
        const len = f.local('i32');
        f.localGet(addr).i32Load(offset).localSet(ptr);
        f.localGet(addr)
            .i32Load(offset + 4)
            .localSet(len);
        dropListElements(f, element, ptr, len, drops);
        return;
    }
    const cases = variantCases(t);
    if (cases !== null) {
        const po = payloadOffset(cases);
        for (const [i, c] of cases.entries()) {
            if (c.type === null || !hasBorrow(c.type))
                continue;
            f.localGet(addr);
            const ds = discriminantSize(cases.length);
            if (ds === 1)
                f.i32Load8U(offset);
            else if (ds === 2)
                f.i32Load16U(offset);
            else
                f.i32Load(offset);
            f.i32Const(i).i32Eq().if();
            dropInMemory(f, c.type, addr, offset + po, drops);
            f.end();
        }
    }
}

;// CONCATENATED MODULE: ./build/shared/interpose/graph.js
/**
 * Interposing in a composition graph (shared/wac/graph.ts): put a splitter
 * (or a tap) on every edge out of one component, so that every consumer of
 * its interfaces (other instances, and the composition's exports) sees the
 * interposer instead; nothing in the WAC file or the plug list changes.
 *
 *   const { graph } = buildGraph(source, doc, plan);          // or plugGraph(socket, plugs)
 *   const users = findInstance(graph, 'users');
 *   splitInGraph(graph, users, { canary: { bytes: v2 }, weight: 10 });
 *   const bytes = await encodeGraph(graph);
 *
 * For each interface of the component that something consumes (or each one
 * named in `interfaces`), one interposer is generated from the component's
 * own type, instantiated with the component's instance (and, for a splitter,
 * with one instance of the canary version made with the same arguments as
 * the stable one), and given the same instances the component has for the
 * interfaces whose types the interface uses (wasi:http/types, …). Its stats
 * are exported from the composition as `flotilla-stats-<label>`.
 */






/** The instance named `name` (its WAC `let` name, or its package name when only one instance has it). */
function findInstance(graph, name) {
    const instances = graph.allNodes().filter((n) => n.kind === 'instance');
    const byName = instances.filter((n) => n.name === name);
    if (byName.length === 1)
        return byName[0].id;
    const byPackage = instances.filter((n) => graph.getPackage(n.package).name === name);
    if (byName.length === 0 && byPackage.length === 1)
        return byPackage[0].id;
    const listed = instances.map((n) => `\`${n.name}\` (${graph.getPackage(n.package).name})`).join(', ');
    throw new InterposeError('INTERPOSE_GRAPH', byName.length + byPackage.length > 1
        ? `several instances are named \`${name}\`: ${listed}; name one by its instance name`
        : `the composition has no instance \`${name}\` (its instances: ${listed || 'none'})`);
}
/**
 * Puts a splitter on every edge out of `stable` (for each interface that is
 * consumed, or each one of `options.interfaces`), with one instance of the
 * canary version behind all of them.
 */
function splitInGraph(graph, stable, options) {
    const stableNode = instanceNode(graph, stable);
    const plan = planEdges(graph, stable, options.interfaces);
    const pkg = graph.getPackage(stableNode.package);
    const canaryPkg = 'package' in options.canary
        ? options.canary.package
        : wrapGraph(() => graph.registerPackage({
            name: uniquePackageName(graph, options.canary.name ?? `${pkg.name}-canary`),
            version: options.canary.version ?? pkg.version,
            bytes: options.canary.bytes,
        }));
    // the canary gets what the stable instance gets, import by import (semver-compatible names matched)
    const canary = graph.instantiate(canaryPkg, `${stableNode.name}-canary`);
    for (const name of graph.importsOf(canary).keys()) {
        const src = argumentFor(graph, stable, name);
        if (src !== undefined) {
            wrapGraph(() => graph.setArgument(canary, name, src), `the canary version cannot take what \`${stableNode.name}\` is given for \`${name}\``);
        }
    }
    const edges = plan.map((p) => {
        const ct = graph.nodeType(canary);
        if (ct.kind !== 'instance' || !ct.exports.has(p.iface)) {
            throw new errors_InterposeError('INTERPOSE_GRAPH', `the canary version of \`${stableNode.name}\` does not export \`${p.iface}\`, which the composition uses: it cannot take the stable version's place`);
        }
        return interpose(graph, stable, p, 'splitter', { ...options, weight: options.weight, sticky: options.sticky ?? null }, (x) => {
            wrapGraph(() => graph.setArgument(x, 'stable', graph.aliasExport(stable, p.iface)));
            wrapGraph(() => graph.setArgument(x, 'canary', graph.aliasExport(canary, p.iface)), `the canary version's \`${p.iface}\` does not fit where the stable version's is used`);
        });
    });
    return { canary, edges };
}
/** Puts a tap (a pass-through that records stats) on every edge out of `node`. */
function tapInGraph(graph, node, options = {}) {
    instanceNode(graph, node);
    const plan = planEdges(graph, node, options.interfaces);
    return {
        edges: plan.map((p) => interpose(graph, node, p, 'tap', options, (x) => wrapGraph(() => graph.setArgument(x, p.iface, graph.aliasExport(node, p.iface))))),
    };
}
/**
 * A tap on every edge of the composition: every interface an instance
 * exports that something consumes. Interfaces the generator refuses (they
 * define resources, have async functions) are left as they are and listed.
 */
function tapEveryEdge(graph, options = {}) {
    const edges = [];
    const skipped = [];
    // the instances as they are now (taps added on the way are not tapped)
    const instances = graph.allNodes().filter((n) => n.kind === 'instance');
    for (const n of instances) {
        let plan;
        try {
            plan = planEdges(graph, n.id, undefined);
        }
        catch (err) {
            if (err instanceof errors_InterposeError)
                continue; // nothing consumes it
            throw err;
        }
        for (const p of plan) {
            try {
                edges.push(...tapInGraph(graph, n.id, { ...options, interfaces: [p.iface] }).edges);
            }
            catch (err) {
                if (!(err instanceof errors_InterposeError) || err.code === 'INTERPOSE_GRAPH')
                    throw err;
                skipped.push({ instance: n.name, interface: p.iface, reason: err.message });
            }
        }
    }
    return { edges, skipped };
}
function instanceNode(graph, id) {
    const n = graph.node(id);
    if (n.kind !== 'instance')
        throw new errors_InterposeError('INTERPOSE_GRAPH', `${graph.describe(id)} is not an instance of a component`);
    return n;
}
/** The edges out of `node`, grouped by the export they use. */
function planEdges(graph, node, only) {
    const byIface = new Map();
    const plan = (iface) => {
        let p = byIface.get(iface);
        if (p === undefined) {
            p = { iface, args: [], exports: [] };
            byIface.set(iface, p);
        }
        return p;
    };
    const exportOf = (src) => {
        const s = graph.node(src);
        return s.kind === 'alias' && s.source === node ? s.export : undefined;
    };
    for (const m of graph.allNodes()) {
        if (m.kind !== 'instance')
            continue;
        for (const [importName, src] of m.args) {
            if (src === node) {
                throw new errors_InterposeError('INTERPOSE_GRAPH', `${graph.describe(m.id)} is given the whole of ${graph.describe(node)} for \`${importName}\`: interposers go on one interface at a time; ` +
                    'pass the interfaces one by one');
            }
            const iface = exportOf(src);
            if (iface !== undefined)
                plan(iface).args.push({ instance: m.id, importName });
        }
    }
    for (const [name, src] of graph.exports) {
        if (src === node) {
            throw new errors_InterposeError('INTERPOSE_GRAPH', `the composition exports the whole of ${graph.describe(node)} as \`${name}\`: export its interfaces one by one`);
        }
        const iface = exportOf(src);
        if (iface !== undefined)
            plan(iface).exports.push(name);
    }
    const exported = graph.nodeType(node);
    const isInterface = (name) => exported.kind === 'instance' && exported.exports.get(name)?.kind === 'instance';
    let out;
    if (only !== undefined) {
        out = only.map((want) => {
            const name = exported.kind === 'instance' ? [...exported.exports.keys()].find((k) => k === want || (0,semver/* semverKey */.c)(k) === (0,semver/* semverKey */.c)(want)) : undefined;
            if (name === undefined || !isInterface(name)) {
                const have = exported.kind === 'instance' ? [...exported.exports].filter(([, t]) => t.kind === 'instance').map(([k]) => k) : [];
                throw new errors_InterposeError('INTERPOSE_GRAPH', `${graph.describe(node)} exports no interface \`${want}\` (its interfaces: ${have.join(', ') || 'none'})`);
            }
            return byIface.get(name) ?? { iface: name, args: [], exports: [] };
        });
    }
    else {
        out = [...byIface.values()].filter((p) => isInterface(p.iface));
        if (out.length === 0) {
            throw new errors_InterposeError('INTERPOSE_GRAPH', `nothing in the composition uses an interface of ${graph.describe(node)}: there is no edge to interpose`);
        }
    }
    return out;
}
/** The node `instance` is given for import `name` (or a semver-compatible name of it). */
function argumentFor(graph, instance, name) {
    const n = instanceNode(graph, instance);
    const exact = n.args.get(name);
    if (exact !== undefined)
        return exact;
    const key = (0,semver/* semverKey */.c)(name);
    for (const [k, v] of n.args)
        if ((0,semver/* semverKey */.c)(k) === key)
            return v;
    return undefined;
}
function interpose(graph, node, p, role, options, wireBackends) {
    const n = instanceNode(graph, node);
    const pkg = graph.getPackage(n.package);
    const traced = role === 'tap' && options.trace === true;
    const label = uniqueLabel(graph, n.name, p.iface, traced);
    const model = interface_readInterface(pkg.bytes, p.iface, `${graph.describe(node)} (${pkg.name})`);
    const bytes = buildInterposer(model, role, {
        interface: p.iface,
        label,
        weight: options.weight ?? 0,
        sticky: options.sticky ?? null,
        ...(options.bucketsNs ? { bucketsNs: options.bucketsNs } : {}),
        ...(options.clockInterface ? { clockInterface: options.clockInterface } : {}),
        ...(traced ? { trace: { component: n.name } } : {}),
    });
    const pkgId = wrapGraph(() => graph.registerPackage({ name: uniquePackageName(graph, `flotilla:${role}-${label}`), bytes }));
    const x = graph.instantiate(pkgId, `${label}-${role}`);
    wireBackends(x);
    // the interfaces whose types the interface uses: the same instances the component has (or the host's, like it)
    for (const u of model.imports) {
        const src = argumentFor(graph, node, u.name);
        if (src !== undefined && graph.importsOf(x).has(u.name))
            wrapGraph(() => graph.setArgument(x, u.name, src));
    }
    const via = graph.aliasExport(x, p.iface);
    const consumers = [];
    for (const a of p.args) {
        graph.unsetArgument(a.instance, a.importName);
        wrapGraph(() => graph.setArgument(a.instance, a.importName, via));
        consumers.push(`${graph.describe(a.instance)} (import \`${a.importName}\`)`);
    }
    if (p.exports.length > 0) {
        // re-export in the same order, the interposer in place of the component
        const all = [...graph.exports];
        for (const [name] of all)
            graph.unexport(name);
        for (const [name, src] of all)
            graph.export(p.exports.includes(name) ? via : src, name);
        for (const name of p.exports)
            consumers.push(`export \`${name}\``);
    }
    const statsExport = `${STATS_EXPORT_PREFIX}${label}`;
    graph.export(graph.aliasExport(x, STATS_INTERFACE), statsExport);
    return { interface: p.iface, node: x, label, statsExport, consumers };
}
/**
 * `users`, or `<instance>-users` when taken, then with -n2, -n3…; by
 * component: the instance's name when it is the interface's (`catalog`),
 * else `<instance>-<interface>`.
 */
function uniqueLabel(graph, instanceName, iface, byComponent = false) {
    const taken = (l) => graph.exports.has(`${STATS_EXPORT_PREFIX}${l}`);
    const base = defaultLabel(iface);
    const instance = toKebab(instanceName.replace(/^.*:/, '')) || 'instance';
    if (!taken(base) && (!byComponent || instance === base))
        return base;
    const longer = `${instance}-${base}`;
    if (!taken(longer))
        return longer;
    for (let i = 2;; i++)
        if (!taken(`${longer}-n${i}`))
            return `${longer}-n${i}`;
}
function uniquePackageName(graph, name) {
    if (graph.findPackage(name) === undefined)
        return name;
    for (let i = 2;; i++)
        if (graph.findPackage(`${name}-n${i}`) === undefined)
            return `${name}-n${i}`;
}
/** Graph errors (type mismatches, cycles) as interpose errors that say which step failed. */
function wrapGraph(f, what) {
    try {
        return f();
    }
    catch (err) {
        if (err instanceof errors/* FlotillaError */.wD && !(err instanceof errors_InterposeError)) {
            throw new errors_InterposeError('INTERPOSE_GRAPH', what ? `${what}: ${err.message}` : err.message, { cause: err });
        }
        throw err;
    }
}
/**
 * The composition graph of a WAC document (parsed, resolved against the
 * packages, every argument type-checked), to interpose in before encoding.
 */
async function wacGraph(source, packages) {
    const { parseWac } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 29480));
    const { resolveWac } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 14198));
    const { buildGraph } = await Promise.resolve(/* import() */).then(__webpack_require__.bind(__webpack_require__, 71831));
    const doc = parseWac(source);
    return buildGraph(source, doc, resolveWac(source, doc, packages)).graph;
}


/***/ })

};
