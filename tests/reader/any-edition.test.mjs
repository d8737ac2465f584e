// Checks that hold for the reader of any built edition (prints TAP):
//   node tests/reader/any-edition.test.mjs OUT_DIR [--search WORD] [--shots DIR]
//        [--base URL]   (URL serving OUT_DIR, e.g. http://127.0.0.1:PORT/;
//                        default: file://)
// every page's hotspots lie inside its page image, every hotspot opens the
// article it is named after, every #article= deep link works and loads the
// article's text (text/<id>.js, only on demand) whose links are reader
// routes (a jump line "见第N版" opens page N), each page image is the
// smallest file with the pixels a screen shows (phone, 1× and 2× desktop,
// zoomed in: "image" or "image2x"), search for WORD finds and opens an article
// containing it, no console errors.
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const args = process.argv.slice(2);
const outDir = resolve(args[0]);
const opt = (name) => { const i = args.indexOf(name); return i > 0 ? args[i + 1] : null; };
const word = opt('--search'), shots = opt('--shots'), base = opt('--base');
const url = base ? new URL('reader/index.html', base).href
                 : pathToFileURL(join(outDir, 'reader', 'index.html')).href;
const ed = JSON.parse(readFileSync(join(outDir, 'reader', 'edition.json'), 'utf8'));

let n = 0, failed = 0;
const errors = [];
async function t(name, fn) {
  n++;
  try { await fn(); console.log(`ok ${n} - ${name}`); } catch (e) {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    console.log(String(e && e.stack || e).split('\n').slice(0, 4).map((l) => '# ' + l).join('\n'));
  }
}
function assert(c, m) { if (!c) throw new Error(m || 'assertion failed'); }

const profile = mkdtempSync(join(tmpdir(), 'epaper-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium', headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run', '--disable-sync'],
  viewport: { width: 1280, height: 860 },
});
try {
  const page = await context.newPage();
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  page.on('pageerror', (e) => errors.push(e.message));
  // (a load the reader gives up, as when it changes the page image before
  // the last one arrived, is aborted: no error)
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`failed to load ${r.url()} (${r.failure()?.errorText})`);
  });
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`); });

  await t('no article text is loaded before an article is opened', async () => {
    await page.goto(url);
    await page.locator('#label').waitFor();
    const loaded = await page.evaluate(() => window.EPAPER_EDITION.articles.filter((a) => a.html != null).length);
    assert(loaded === 0, `${loaded} texts loaded`);
    assert(ed.articles.every((a) => a.text === `text/${a.id}.js` && a.body === undefined && a.blocks === undefined),
           'edition.json names each text file and holds no text');
  });

  for (const p of ed.pages) {
    await t(`${p.label}: hotspots inside the page image, each opens its article`, async () => {
      await page.goto(url + '#page=' + p.number);
      assert((await page.locator('#label').innerText()) === p.label, 'label');
      if (p.image) await page.waitForFunction(() => { const i = document.querySelector('#sheet img'); return i && i.complete && i.naturalWidth > 0; });
      const bad = await page.evaluate(() => {
        const img = document.querySelector('#sheet img');
        const box = (img || document.getElementById('sheet')).getBoundingClientRect();
        return [...document.querySelectorAll('#sheet .hot')].filter((h) => {
          const r = h.getBoundingClientRect();
          return r.width <= 0 || r.left < box.left - 0.5 || r.top < box.top - 0.5 ||
                 r.right > box.right + 0.5 || r.bottom > box.bottom + 0.5;
        }).map((h) => h.getAttribute('aria-label'));
      });
      assert(bad.length === 0, 'outside the page: ' + bad.join(', '));
      if (shots && p.number === 1) await page.screenshot({ path: join(shots, 'reader-any-desktop.png') });
      const ids = await page.locator('#sheet .hot').evaluateAll((hs) => [...new Set(hs.map((h) => h.getAttribute('data-id')))]);
      for (const id of ids) {
        const hot = page.locator(`#sheet .hot[data-id="${id}"]`).first();
        const name = await hot.getAttribute('aria-label');
        await hot.click();
        await page.locator('#articleview').waitFor({ state: 'visible' });
        const h1 = await page.locator('#article h1').innerText();
        assert(h1 === name, `hotspot ${name} opened ${h1}`);
        await page.goBack();
        await page.locator('#pageview').waitFor({ state: 'visible' });
      }
    });
  }

  let jump = null;
  await t('every #article= deep link opens its article with its text; text links are reader routes', async () => {
    for (const a of ed.articles) {
      await page.goto('about:blank');
      await page.goto(url + '#article=' + a.id);
      await page.locator('#article .xhtml').waitFor();
      const h1 = await page.locator('#article h1').innerText();
      assert(h1 === a.title, `${a.id}: ${h1}`);
      const hrefs = await page.locator('#article .xhtml a').evaluateAll((as) => as.map((e) => e.getAttribute('href')));
      for (const h of hrefs) {
        assert(h === null || /^#(page=\d+|article=[\w-]+)$/.test(h), `${a.id}: link ${h}`);
        if (!jump && h && h.startsWith('#page=')) jump = { id: a.id, page: +h.slice(6) };
      }
    }
  });

  if (jump) {
    await t(`jump line in ${jump.id} opens page ${jump.page}`, async () => {
      await page.goto(url + '#article=' + jump.id);
      await page.locator(`#article .xhtml a[href="#page=${jump.page}"]`).first().click();
      await page.locator('#pageview').waitFor({ state: 'visible' });
      const label = await page.locator('#label').innerText();
      assert(label === ed.pages[jump.page - 1].label, label);
    });
  }

  const sharp = ed.pages.filter((p) => p.image2x);
  // The image a screen gets: at least as many pixels as the page takes on
  // it in device pixels, and no more than it needs — the 1× file while
  // that is enough (a phone showing the whole page), the @2x file when the
  // page is wider (a 2× desktop, or zoomed in).
  const shown = async (p, width, height, scale, zoomClicks) => {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: scale, mobile: false });
    try {
      await page.goto('about:blank');
      await page.goto(url + '#page=' + p.number);
      if (await page.locator('#stage').isHidden()) await page.locator('#mode').click();  // a phone's list
      for (let z = 0; z < zoomClicks; z++) await page.locator('#zin').click();
      await page.waitForFunction(() => { const i = document.querySelector('#sheet img'); return i && i.complete && i.naturalWidth > 0; });
      return await page.locator('#sheet img').evaluate((i, s) => ({
        src: decodeURI(i.currentSrc), need: i.getBoundingClientRect().width * s, have: i.naturalWidth }), scale);
    } finally {
      await cdp.send('Emulation.clearDeviceMetricsOverride');
      await cdp.detach();
    }
  };
  const file = (rel) => rel.replace(/^\.\.\//, '');
  if (sharp.length && ed.image_width) {
    await t(`each page image is the smallest file with the pixels the screen shows (${sharp.length} pages)`, async () => {
      for (const p of sharp) {
        for (const [w, h, s, z] of [[390, 844, 3, 0], [1280, 860, 1, 0], [1280, 860, 2, 0], [1280, 860, 2, 2], [1280, 860, 1, 2]]) {
          const r = await shown(p, w, h, s, z);
          const want = r.need <= ed.image_width ? p.image : p.image2x;
          assert(r.src.endsWith(file(want)), `page ${p.number}, ${w}×${h} at ${s}×, zoom ${z}: ${r.src} for ${Math.round(r.need)} px`);
        }
      }
    });
  } else if (sharp.length) {
    await t(`on a 2× screen the page image is the @2x file (${sharp.length} pages)`, async () => {
      for (const p of sharp) {
        const r = await shown(p, 1280, 860, 2, 0);
        assert(r.src.endsWith(file(p.image2x)), `page ${p.number}: ${r.src}`);
      }
    });
  }

  if (word) {
    await t(`search finds ${word} and opens an article containing it`, async () => {
      await page.goto(url);
      await page.getByRole('searchbox').fill(word);
      await page.waitForFunction(() => /^(找到|没有)/.test(document.querySelector('#results p').innerText));
      assert((await page.locator('#results a').count()) > 0, 'no results');
      await page.getByRole('searchbox').press('Enter');
      await page.locator('#articleview').waitFor({ state: 'visible' });
      assert((await page.locator('#article').innerText()).includes(word), 'article lacks the word');
    });
  }

  await t('at 390×844 the reader opens on the article list', async () => {
    const phone = await context.newPage();
    phone.on('pageerror', (e) => errors.push(e.message));
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto(url);
    assert(await phone.locator('#list').isVisible(), 'list');
    assert((await phone.locator('#list li').count()) === ed.pages[0].articles.length, 'one item per article');
    if (shots) await phone.screenshot({ path: join(shots, 'reader-any-phone.png') });
    await phone.close();
  });

  await t('no console errors', async () => { assert(errors.length === 0, errors.join('\n')); });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
