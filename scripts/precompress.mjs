// Names the site's assets by their content and precompresses them, for the server's
// ServeDir (`precompressed_br().precompressed_gzip()`) and a year-long immutable cache.
//   node scripts/precompress.mjs <pkg dir> <hash.txt path>
// For each of breakeven.{js,wasm,css} (the site's client and the stylesheet) and
// editor.{js,wasm} (the editor's client, app/src/split.rs): <name>.<hash>.<ext> beside
// it, and .br (quality 11) and .gz (level 9) of both names. hash.txt ("js: h", "wasm: h",
// "css: h", "editor_js: h", "editor_wasm: h") is read by the page shell
// (app/src/assets.rs) to name the hashed files.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync, readdirSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync, constants } from 'node:zlib';

const [pkg, hashFile] = process.argv.slice(2);
if (!pkg || !hashFile) {
  console.error('usage: precompress.mjs <pkg dir> <hash.txt path>');
  process.exit(2);
}
// Hashed names from builds before the last one go first, with their compressed copies.
// The last build's stay: a read-only page loads its client on the reader's first
// gesture, maybe hours after it was served, and names the client it was served with.
let kept = [];
try {
  kept = readFileSync(hashFile, 'utf8').split('\n').map((l) => l.split(': ')[1]).filter(Boolean);
} catch {
  // No earlier build.
}
for (const f of readdirSync(pkg)) {
  const hashed = /^(breakeven|editor)\.([0-9a-f]{20})\./.exec(f);
  if (hashed ? !kept.includes(hashed[2]) : /\.(br|gz)$/.test(f)) unlinkSync(join(pkg, f));
}
const lines = [];
const report = [];
const files = [['breakeven', 'js', 'js'], ['breakeven', 'wasm', 'wasm'], ['breakeven', 'css', 'css'],
  ['editor', 'js', 'editor_js'], ['editor', 'wasm', 'editor_wasm']];
for (const [stem, ext, key] of files) {
  const plain = join(pkg, `${stem}.${ext}`);
  const bytes = readFileSync(plain);
  const hash = createHash('sha256').update(bytes).digest('hex').slice(0, 20);
  const br = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: 11,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  const gz = gzipSync(bytes, { level: 9 });
  for (const name of [`${stem}.${ext}`, `${stem}.${hash}.${ext}`]) {
    if (name !== `${stem}.${ext}`) writeFileSync(join(pkg, name), bytes);
    writeFileSync(join(pkg, `${name}.br`), br);
    writeFileSync(join(pkg, `${name}.gz`), gz);
  }
  lines.push(`${key}: ${hash}`);
  report.push(`${stem}.${ext} ${bytes.length} raw, ${gz.length} gzip, ${br.length} brotli`);
}
writeFileSync(hashFile, lines.join('\n') + '\n');
console.log(`precompress: ${report.join('; ')}`);
