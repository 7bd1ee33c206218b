/**
 * Magic argument parsing, IPython style: shell-like words (quotes group, backslash escapes),
 * short and long flags (`-b gemm`, `--reps=5`, `--aot`), comma lists, and positionals. Checked
 * against each magic's flag table, so an unknown or malformed flag is a one-line usage error
 * before anything runs.
 */
import { MagicError } from './errors.js';
import { isUsageError } from '../../src/errors.js';

export type FlagKind = 'list' | 'string' | 'int' | 'bool' | 'var';

export interface FlagSpec {
  long: string; // without dashes
  short?: string; // one letter
  kind: FlagKind;
  /** Allowed values (for string and list flags). */
  choices?: readonly string[];
  help: string;
  metavar?: string;
  /**
   * Reads a value instead of `kind`'s rule (the sweep options: src/options/validate.ts, shared
   * with the CLI); `kind` then only says its shape. `prev` is the value read before, for lists.
   */
  convert?: (raw: string, prev: ArgValue | undefined) => ArgValue;
}

export interface PositionalSpec {
  name: string;
  required: boolean;
  /** Collects every remaining word. */
  rest?: boolean;
  help: string;
}

export interface ArgSpec {
  flags: readonly FlagSpec[];
  positionals: readonly PositionalSpec[];
}

export type ArgValue = string | string[] | number | boolean;
export interface Parsed {
  flags: Record<string, ArgValue>;
  positionals: Record<string, string | string[]>;
}

/** Split a magic's argument text into words, honouring quotes and backslashes. */
export function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < text.length) cur += text[++i];
      else cur += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === '\\' && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (/\s/.test(c)) {
      if (inWord) out.push(cur);
      cur = '';
      inWord = false;
    } else {
      cur += c;
      inWord = true;
    }
  }
  if (quote) throw new MagicError(`unclosed ${quote} quote`);
  if (inWord) out.push(cur);
  return out;
}

export function splitList(v: string): string[] {
  return v.split(',').map((s) => s.trim()).filter(Boolean);
}

const IDENT = /^[A-Za-z_$][\w$]*$/;

function convert(f: FlagSpec, raw: string, prev: ArgValue | undefined): ArgValue {
  if (f.convert) {
    try {
      return f.convert(raw, prev);
    } catch (e) {
      if (isUsageError(e)) throw new MagicError((e as Error).message);
      throw e;
    }
  }
  const name = `--${f.long}`;
  switch (f.kind) {
    case 'int': {
      if (!/^\d+$/.test(raw)) throw new MagicError(`${name} wants a whole number, got '${raw}'`);
      return Number(raw);
    }
    case 'var': {
      if (!IDENT.test(raw) || raw.startsWith('__')) throw new MagicError(`${name} wants a variable name, got '${raw}'`);
      return raw;
    }
    case 'list': {
      const items = splitList(raw);
      if (items.length === 0) throw new MagicError(`${name} wants a comma-separated list`);
      if (f.choices) for (const it of items) checkChoice(f, it);
      // Repeating a list flag adds to it (`-r wasmtime -r wasmer`).
      return [...((prev as string[] | undefined) ?? []), ...items];
    }
    default:
      if (f.choices) checkChoice(f, raw);
      return raw;
  }
}

function checkChoice(f: FlagSpec, v: string): void {
  if (!f.choices!.includes(v)) throw new MagicError(`--${f.long} takes ${f.choices!.join(', ')}; got '${v}'`);
}

export function parseArgs(argv: readonly string[], spec: ArgSpec): Parsed {
  const flags: Record<string, ArgValue> = {};
  const pos: string[] = [];
  const byLong = new Map(spec.flags.map((f) => [f.long, f]));
  const byShort = new Map(spec.flags.filter((f) => f.short).map((f) => [f.short!, f]));
  for (let i = 0; i < argv.length; i++) {
    const w = argv[i];
    let f: FlagSpec | undefined;
    let inline: string | undefined;
    if (w.startsWith('--') && w.length > 2) {
      const eq = w.indexOf('=');
      const name = eq < 0 ? w.slice(2) : w.slice(2, eq);
      if (eq >= 0) inline = w.slice(eq + 1);
      f = byLong.get(name);
      if (!f) throw new MagicError(`unknown flag --${name}`);
    } else if (w.startsWith('-') && w.length >= 2 && !/^-\d/.test(w)) {
      f = byShort.get(w[1]);
      if (!f) throw new MagicError(`unknown flag ${w.slice(0, 2)}`);
      if (w.length > 2) inline = w.slice(2); // -bgemm, like getopt
    } else {
      pos.push(w);
      continue;
    }
    if (f.kind === 'bool') {
      if (inline !== undefined) throw new MagicError(`--${f.long} takes no value`);
      if (f.long in flags) throw new MagicError(`--${f.long} is given twice: give it once`);
      flags[f.long] = true;
      continue;
    }
    const raw = inline ?? argv[++i];
    if (raw === undefined) throw new MagicError(`--${f.long} needs a value (${f.metavar ?? f.kind})`);
    // Only a list flag may repeat (its values add up); a second value of any other flag would
    // silently win over the first.
    if (f.kind !== 'list' && f.long in flags) throw new MagicError(`--${f.long} is given twice: give it once`);
    flags[f.long] = convert(f, raw, flags[f.long]);
  }
  const positionals: Record<string, string | string[]> = {};
  for (const p of spec.positionals) {
    if (p.rest) {
      positionals[p.name] = pos.splice(0);
    } else if (pos.length > 0) {
      positionals[p.name] = pos.shift()!;
    } else if (p.required) {
      throw new MagicError(`missing ${p.name}`);
    }
  }
  if (pos.length > 0) throw new MagicError(`unexpected argument '${pos[0]}'`);
  return { flags, positionals };
}
