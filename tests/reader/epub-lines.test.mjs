// Lines of an EPUB as Chromium sets them (prints TAP):
//   node tests/reader/epub-lines.test.mjs UNZIPPED_EPUB_DIR
// Every chapter in the spine is opened at 600×800 and 360×640; in every
// block (paragraph, heading, caption, note) each line after the first must
// not start with —, ， or 。 (a line that starts its block may: a 副题
// "——市政协…").  Lines are found from the characters' boxes.
import { chromium } from 'playwright-core';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(process.argv[2]);
const opfPath = join(root, 'EPUB', 'package.opf');
const opf = readFileSync(opfPath, 'utf8');
const hrefOf = new Map([...opf.matchAll(/<item [^>]*id="([^"]+)"[^>]*href="([^"]+)"/g)]
  .map((m) => [m[1], m[2]]));
const chapters = [...opf.matchAll(/<itemref [^>]*idref="([^"]+)"/g)]
  .map((m) => hrefOf.get(m[1])).filter((h) => h && h.endsWith('.xhtml'));
const sizes = [[600, 800], [360, 640]];
const forbidden = '—，。';

let n = 0, failed = 0, lines = 0;
function report(ok, name, detail) {
  n++;
  if (!ok) failed++;
  console.log(`${ok ? 'ok' : 'not ok'} ${n} - ${name}`);
  if (!ok && detail) console.log(detail.split('\n').map((l) => '# ' + l).join('\n'));
}

// In the page: the first character of every line after a block's first,
// with the line's text, and the number of lines seen.
function lineStarts(forbidden) {
  const blocks = document.querySelectorAll('p, h1, h2, h3, h4, h5, h6, figcaption, li');
  const bad = [];
  let count = 0;
  for (const block of blocks) {
    const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    let top = null, current = '', first = true;
    const flush = () => {
      if (current && !first && forbidden.includes(current[0])) bad.push(current);
      if (current) { count++; first = false; }
      current = '';
    };
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.data;
      for (let i = 0; i < text.length; i++) {
        if (/\s/.test(text[i])) continue;
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (!rect) continue;
        if (top !== null && rect.top > top + rect.height / 2) flush();
        if (top === null || rect.top > top + rect.height / 2) top = rect.top;
        current += text[i];
      }
    }
    flush();
  }
  return { bad, count };
}

const profile = mkdtempSync(join(tmpdir(), 'epaper-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run', '--disable-sync'],
});
try {
  const page = await context.newPage();
  report(chapters.length > 0, `the spine lists chapters (${chapters.length})`);
  for (const [width, height] of sizes) {
    await page.setViewportSize({ width, height });
    for (const href of chapters) {
      const url = pathToFileURL(join(dirname(opfPath), href)).href;
      await page.goto(url);
      const { bad, count } = await page.evaluate(lineStarts, forbidden);
      lines += count;
      report(bad.length === 0, `${width}×${height} ${href}: ${count} lines, none starts with ${forbidden}`,
             bad.slice(0, 5).join('\n'));
    }
  }
  report(lines > 100, `lines were found and checked (${lines})`);
} finally {
  await context.close();
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
