/** WABench import (the code is in ./wabench/): re-exported for the CLI and tests. */
export { bashWords, bashArrays, bashAssignments, parseMakeVars, readMakefile, ImportError } from './wabench/shell.js';
export { readBenchFolder, readRunScript, isBenchFolder, type BenchFolder, type RunScript } from './wabench/folder.js';
export { importWabench, parseRunSh, splitArgs, type ImportReport, type Imported, type Skipped, type RunEntry } from './wabench/import.js';
export { WABENCH_FIXES, applyFix, fixFor, type SourceFix, type SourceEdit } from './wabench/fixes.js';
