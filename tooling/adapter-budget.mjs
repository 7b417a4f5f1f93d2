#!/usr/bin/env node
// The house budget (DESIGN.md, STYLE.md §3.2): each adapter's non-test source stays under 500 lines of code.
// Code lines are the lines left after blank lines, `//` lines and block/TSDoc comment lines, as cloc counts
// them; physical lines are printed beside them. Run by `pnpm lint`; exits 1 when an adapter is over.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const adapters = ['packages/medusa-payment-paysera/src', 'packages/vendure-plugin/src'];
const budget = 500;

function* sources(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sources(path);
    else if (/\.ts$/.test(entry.name) && !/\.(test|spec)\.ts$/.test(entry.name)) yield path;
  }
}

/** Lines of code in one file: not blank, not wholly inside a comment. */
export function codeLines(text) {
  let inBlock = false;
  let code = 0;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (inBlock) {
      if (!line.includes('*/')) continue;
      inBlock = false;
      if (line.slice(line.indexOf('*/') + 2).trim() !== '') code++;
      continue;
    }
    if (line === '' || line.startsWith('//')) continue;
    if (line.startsWith('/*')) {
      inBlock = !line.includes('*/', 2);
      if (!inBlock && line.slice(line.indexOf('*/', 2) + 2).trim() !== '') code++;
      continue;
    }
    code++;
  }
  return code;
}

let over = false;
for (const dir of adapters) {
  let code = 0;
  let physical = 0;
  for (const file of sources(join(root, dir))) {
    const text = readFileSync(file, 'utf8');
    code += codeLines(text);
    physical += text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
  }
  const verdict = code < budget ? 'ok' : 'OVER';
  console.log(
    `adapter budget: ${relative(root, join(root, dir))}: ${code} lines of code (${physical} physical), budget ${budget}: ${verdict}`,
  );
  if (code >= budget) over = true;
}
process.exit(over ? 1 : 0);
