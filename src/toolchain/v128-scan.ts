/**
 * Counts the SIMD (v128) instructions in a WebAssembly module: our own walk of the code
 * section. Every function body's instructions are decoded with their immediates (the binary
 * format of the WebAssembly 2.0 spec, §5.4, plus the threads proposal's 0xFE prefix), and each
 * 0xFD-prefixed instruction is counted. The decoder is exact or it fails: a body must end with
 * `end` exactly at its declared size, and an opcode it does not know throws a ScanError naming
 * the function and offset — a wrong count is never returned silently.
 */

export class ScanError extends Error {}

export interface V128Count {
  /** 0xFD-prefixed instructions in all function bodies. */
  v128: number;
  /** Function bodies walked. */
  functions: number;
  /** Functions with at least one v128 instruction. */
  vectorFunctions: number;
}

class Reader {
  constructor(readonly b: Uint8Array, public p: number, readonly end: number) {}
  byte(): number {
    if (this.p >= this.end) throw new ScanError(`unexpected end at byte ${this.p}`);
    return this.b[this.p++]!;
  }
  /** An unsigned or signed LEB128 of at most `bits`; only its length matters here, except for u32 values. */
  leb(bits = 32): number {
    let result = 0;
    let shift = 0;
    for (let i = 0; i < Math.ceil(bits / 7); i++) {
      const x = this.byte();
      if (shift < 32) result += (x & 0x7f) * 2 ** shift;
      shift += 7;
      if (!(x & 0x80)) return result;
    }
    throw new ScanError(`LEB128 longer than ${bits} bits at byte ${this.p}`);
  }
  skip(n: number): void {
    if (this.p + n > this.end) throw new ScanError(`unexpected end at byte ${this.p}`);
    this.p += n;
  }
}

/** memarg: alignment (bit 6 set: a memory index follows, multi-memory) and offset. */
function memarg(r: Reader): void {
  const align = r.leb();
  if (align & 0x40) r.leb();
  r.leb(64);
}

/** A block type: 0x40 (empty), a value type (one byte, negative as s33) or a type index (s33). */
function blockType(r: Reader): void {
  const x = r.b[r.p];
  if (x === 0x40 || (x !== undefined && x >= 0x6f && x <= 0x7f)) r.skip(1);
  else r.leb(33);
}

// SIMD sub-opcodes with immediates (the rest have none): memory ones take a memarg.
const SIMD_MEMARG = new Set([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 92, 93]);
const SIMD_LANE = new Set([21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34]);
const SIMD_MEMARG_LANE = new Set([84, 85, 86, 87, 88, 89, 90, 91]);

/** One 0xFD instruction's immediates. */
function simdImmediates(r: Reader, op: number): void {
  if (SIMD_MEMARG.has(op)) memarg(r);
  else if (op === 12 || op === 13) r.skip(16); // v128.const, i8x16.shuffle
  else if (SIMD_LANE.has(op)) r.skip(1);
  else if (SIMD_MEMARG_LANE.has(op)) { memarg(r); r.skip(1); }
  else if (op > 0x113) throw new ScanError(`unknown SIMD opcode 0xfd ${op}`);
}

/** One 0xFC instruction's immediates (saturating truncation, bulk memory, tables). */
function miscImmediates(r: Reader, op: number): void {
  if (op <= 7) return; // *.trunc_sat_*
  switch (op) {
    case 8: r.leb(); r.leb(); return; // memory.init data, mem
    case 9: r.leb(); return; // data.drop
    case 10: r.leb(); r.leb(); return; // memory.copy
    case 11: r.leb(); return; // memory.fill
    case 12: r.leb(); r.leb(); return; // table.init
    case 13: r.leb(); return; // elem.drop
    case 14: r.leb(); r.leb(); return; // table.copy
    case 15: case 16: case 17: r.leb(); return; // table.grow, size, fill
    default: throw new ScanError(`unknown opcode 0xfc ${op}`);
  }
}

/** One 0xFE (atomics) instruction's immediates. */
function atomicImmediates(r: Reader, op: number): void {
  if (op === 3) r.skip(1); // atomic.fence
  else if (op <= 0x4e) memarg(r);
  else throw new ScanError(`unknown opcode 0xfe ${op}`);
}

/** Walk one body's instructions; returns its v128 count. Throws unless it ends exactly at `end`. */
function scanBody(r: Reader): number {
  for (let groups = r.leb(); groups > 0; groups--) { r.leb(); valType(r); }
  let depth = 1;
  let v128 = 0;
  while (depth > 0) {
    const op = r.byte();
    if (op === 0x02 || op === 0x03 || op === 0x04) { blockType(r); depth++; }
    else if (op === 0x0b) depth--;
    else if (op === 0x05 || op === 0x00 || op === 0x01 || op === 0x0f || op === 0x1a || op === 0x1b || op === 0xd1) { /* no immediates */ }
    else if (op === 0x0c || op === 0x0d || op === 0x10 || op === 0xd2 || (op >= 0x20 && op <= 0x26)) r.leb(); // br, br_if, call, ref.func, local/global/table get/set
    else if (op === 0x0e) { for (let n = r.leb(); n >= 0; n--) r.leb(); } // br_table: n labels + default
    else if (op === 0x11) { r.leb(); r.leb(); } // call_indirect type, table
    else if (op === 0x12) r.leb(); // return_call
    else if (op === 0x13) { r.leb(); r.leb(); } // return_call_indirect
    else if (op === 0x1c) { for (let n = r.leb(); n > 0; n--) valType(r); } // select t*
    else if (op >= 0x28 && op <= 0x3e) memarg(r);
    else if (op === 0x3f || op === 0x40) r.leb(); // memory.size/grow memidx
    else if (op === 0x41) r.leb(32);
    else if (op === 0x42) r.leb(64);
    else if (op === 0x43) r.skip(4);
    else if (op === 0x44) r.skip(8);
    else if (op >= 0x45 && op <= 0xc4) { /* numeric, sign extension: no immediates */ }
    else if (op === 0xd0) r.skip(1); // ref.null heap type
    else if (op === 0xfc) miscImmediates(r, r.leb());
    else if (op === 0xfd) { simdImmediates(r, r.leb()); v128++; }
    else if (op === 0xfe) atomicImmediates(r, r.leb());
    else throw new ScanError(`unknown opcode 0x${op.toString(16)} at byte ${r.p - 1}`);
  }
  if (r.p !== r.end) throw new ScanError(`body ends at byte ${r.p}, its size says ${r.end}`);
  return v128;
}

function valType(r: Reader): void {
  const t = r.byte();
  if (!((t >= 0x6f && t <= 0x7f) || t === 0x7b)) throw new ScanError(`unknown value type 0x${t.toString(16)}`);
}

/** A module's sections in order: each one's id, and where its payload starts and how long it is. */
function* sections(bytes: Uint8Array): Generator<{ id: number; start: number; size: number }> {
  const head = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  if (bytes.length < 8 || head.some((x, i) => bytes[i] !== x)) throw new ScanError('not a WebAssembly 1.0 binary module');
  const top = new Reader(bytes, 8, bytes.length);
  while (top.p < bytes.length) {
    const id = top.byte();
    const size = top.leb();
    const start = top.p;
    top.skip(size);
    yield { id, start, size };
  }
}

/** Count the v128 instructions of a module's function bodies. */
export function countV128(bytes: Uint8Array): V128Count {
  const out: V128Count = { v128: 0, functions: 0, vectorFunctions: 0 };
  for (const { id, start, size } of sections(bytes)) {
    if (id !== 10) continue;
    const sec = new Reader(bytes, start, start + size);
    for (let n = sec.leb(); n > 0; n--) {
      const len = sec.leb();
      const body = new Reader(bytes, sec.p, sec.p + len);
      sec.skip(len);
      let v: number;
      try {
        v = scanBody(body);
      } catch (e) {
        if (e instanceof ScanError) throw new ScanError(`function body ${out.functions}: ${e.message}`);
        throw e;
      }
      out.functions++;
      out.v128 += v;
      if (v) out.vectorFunctions++;
    }
  }
  return out;
}

const SECTION_NAMES = ['custom', 'type', 'import', 'function', 'table', 'memory', 'global', 'export', 'start', 'element', 'code', 'data', 'datacount', 'tag'];

/** A module's shape from its section headers alone (no body is decoded). */
export interface ModuleShape {
  bytes: number;
  /** Functions defined in the module: the code section's count. */
  functions: number;
  /** Bytes of the code section (the function bodies a runtime compiles). */
  codeBytes: number;
  /** Bytes per section name (custom sections, e.g. the name section, summed as "custom"). */
  sections: Record<string, number>;
}

/** Read a module's section headers (start-up anatomy, src/analysis/anatomy.ts). */
export function moduleShape(bytes: Uint8Array): ModuleShape {
  const out: ModuleShape = { bytes: bytes.length, functions: 0, codeBytes: 0, sections: {} };
  for (const { id, start, size } of sections(bytes)) {
    const name = SECTION_NAMES[id] ?? `section ${id}`;
    out.sections[name] = (out.sections[name] ?? 0) + size;
    if (id === 10) {
      out.codeBytes = size;
      out.functions = new Reader(bytes, start, start + size).leb();
    }
  }
  return out;
}
