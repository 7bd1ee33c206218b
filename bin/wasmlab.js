#!/usr/bin/env node
// The wasmlab CLI, compiled by `npm run build` (setup runs it) into dist/.
import { existsSync } from 'node:fs';
const entry = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  console.error('wasmlab: not built yet — run `bash setup/setup.sh` (or `npm run build`)');
  process.exit(2);
}
await import(entry.href);
