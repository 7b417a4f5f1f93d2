// Writes every ```ts and ```js block of the given READMEs to <outDir> as a file of its own
// (`<package>-<n>.ts`), so CI runs the README's own text: an example cannot drift from the code when the
// example is the README. Each block is a whole program. Pass the READMEs of the installed tarballs: a
// relative link to a file the tarball lacks fails here. Usage: node readme-examples.mjs <outDir> <README.md>…
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';

const [outDir, ...readmes] = process.argv.slice(2);
if (!outDir || readmes.length === 0) {
  console.error('usage: node readme-examples.mjs <outDir> <README.md>…');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });
const fence = /^```(ts|js)\n([\s\S]*?)^```$/gm;
for (const readme of readmes) {
  const name = basename(dirname(readme));
  const text = readFileSync(readme, 'utf8');
  for (const [, target] of text.matchAll(/\]\(([^)\s]+)\)/g)) {
    if (/^(https?:|mailto:|#)/.test(target)) continue;
    if (!existsSync(resolve(dirname(readme), target.split('#')[0]))) {
      console.error(`${readme}: links ${target}, which is not in the package`);
      process.exitCode = 1;
    }
  }
  let n = 0;
  for (const [, lang, code] of text.matchAll(fence)) {
    n += 1;
    const file = join(outDir, `${name}-${n}.${lang === 'ts' ? 'ts' : 'mjs'}`);
    writeFileSync(file, code);
    console.log(file);
  }
}
