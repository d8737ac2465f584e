// ace-check.cjs — DAISY Ace over several EPUBs in one Node process (the
// browser is Debian's chromium: PUPPETEER_EXECUTABLE_PATH).  Prints one line
// per EPUB, "ok PATH" or "violations PATH: rule (impact) in file; …", and
// exits 1 if any EPUB has a violation or Ace fails on it.
//   usage: node ace-check.cjs OUT_DIR EPUB…   (reports go to OUT_DIR/<n>/)
'use strict';
const path = require('path');
const ace = require('@daisy/ace-core');
const logger = require('@daisy/ace-logger');
const puppeteerRunner = require('@daisy/ace-axe-runner-puppeteer');

// Ace launches and closes the browser for every EPUB: one browser serves
// them all here (start-up is most of Ace's time on a small EPUB).
let launched = false;
const runner = Object.assign({}, puppeteerRunner, {
  launch: async () => {
    if (!launched) await puppeteerRunner.launch();
    launched = true;
  },
  close: async () => {},
});

function violations(report) {
  const out = [];
  for (const a of report.assertions || []) {
    const file = a['earl:testSubject'] ? a['earl:testSubject'].url : '?';
    for (const s of a.assertions || []) {
      if (s['earl:result'] && s['earl:result']['earl:outcome'] === 'fail') {
        out.push(`${s['earl:test']['dct:title']} (${s['earl:test']['earl:impact']}) in ${file}`);
      }
    }
  }
  return out;
}

(async () => {
  const [outdir, ...epubs] = process.argv.slice(2);
  logger.initLogger({ verbose: false, silent: true });
  let bad = 0;
  for (let i = 0; i < epubs.length; i++) {
    try {
      const [, report] = await ace(epubs[i], {
        cwd: process.cwd(), outdir: path.join(outdir, String(i)), silent: true,
        tmpdir: undefined, jobid: String(i),
      }, runner);
      const v = violations(report);
      if (v.length) bad++;
      console.log(v.length ? `violations ${epubs[i]}: ${v.join('; ')}` : `ok ${epubs[i]}`);
    } catch (e) {
      bad++;
      console.log(`error ${epubs[i]}: ${e && e.message ? e.message : e}`);
    }
  }
  if (launched) await puppeteerRunner.close();
  process.exit(bad ? 1 : 0);
})();
