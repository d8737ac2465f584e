// Browser tests of the web reader: Playwright (playwright-core) driving
// Debian's headless chromium over file://.  Prints TAP.
//   node tests/reader/reader.test.mjs OUT_DIR SHOT_DIR [XHTML_OUT_DIR]
// OUT_DIR holds reader/, pages/ (written by `test-reader --write-sample`);
// XHTML_OUT_DIR the same with article HTML and no page images
// (`… --xhtml --no-images`).
import { chromium } from 'playwright-core';
import { mkdtempSync, rmSync, mkdirSync, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const [outDir, shotDir, xhtmlDir] = process.argv.slice(2).map((p) => resolve(p));
const url = pathToFileURL(join(outDir, 'reader', 'index.html')).href;
const LEAD = '激发科技成果转化新动能';
const GAS = '让“吕气吕用”真正造福吕梁人民';
const VOICES = '凝心聚力谋发展 建言献策促转型';

let n = 0, failed = 0;
const errors = [];
async function t(name, fn) {
  n++;
  try {
    await fn();
    console.log(`ok ${n} - ${name}`);
  } catch (e) {
    failed++;
    console.log(`not ok ${n} - ${name}`);
    console.log(String(e && e.stack || e).split('\n').slice(0, 6).map((l) => '# ' + l).join('\n'));
  }
}
function assert(cond, msg) { if (!cond) throw new Error(msg || 'assertion failed'); }
function eq(a, b, msg) { if (a !== b) throw new Error(`${msg || ''} expected ${JSON.stringify(b)}, got ${JSON.stringify(a)}`); }

function watch(page, tag) {
  page.on('console', (m) => { if (m.type() === 'error') errors.push(`${tag}: ${m.text()}`); });
  page.on('pageerror', (e) => errors.push(`${tag}: ${e.message}`));
  // (a load the reader gives up, as when it changes the page image before
  // the last one arrived, is aborted: no error)
  page.on('requestfailed', (r) => {
    if (r.failure()?.errorText !== 'net::ERR_ABORTED') errors.push(`${tag}: failed to load ${r.url()} (${r.failure()?.errorText})`);
  });
}

const text = (page, sel) => page.locator(sel).innerText();
// Waits (hash changes route asynchronously) until @sel shows @want; at most
// Playwright's default 30 s, which only a failing reader uses up.
async function see(page, sel, want, msg) {
  try {
    await page.waitForFunction(([s, w]) => { const e = document.querySelector(s); return e && e.innerText === w; },
                               [sel, want]);
  } catch (e) { /* report below */ }
  eq(await text(page, sel), want, msg);
}
const visible = (page, sel) => page.locator(sel).isVisible();
// Ids of the articles whose text (text/<id>.js) has been loaded.
const loadedTexts = (page) => page.evaluate(() =>
  window.EPAPER_EDITION.articles.filter((a) => a.html != null).map((a) => a.id).join(','));

// Rectangles of every hotspot and of the page image on the current page.
async function hotspotsInside(page) {
  return page.evaluate(() => {
    const img = document.querySelector('#sheet img');
    if (!img || !img.complete || !img.naturalWidth) return { ok: false, why: 'page image not loaded' };
    const ir = img.getBoundingClientRect(), bad = [];
    const hs = [...document.querySelectorAll('#sheet .hot')];
    for (const h of hs) {
      const r = h.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0 || r.left < ir.left - 0.5 || r.top < ir.top - 0.5 ||
          r.right > ir.right + 0.5 || r.bottom > ir.bottom + 0.5) bad.push(h.getAttribute('aria-label'));
    }
    return { ok: hs.length > 0 && bad.length === 0, why: `hotspots ${hs.length}, outside: ${bad.join(',')}` };
  });
}

const profile = mkdtempSync(join(tmpdir(), 'epaper-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
         '--disable-component-update', '--no-first-run', '--disable-sync'],
  viewport: { width: 1280, height: 860 },
});
mkdirSync(shotDir, { recursive: true });

try {
  const page = await context.newPage();
  watch(page, 'desktop');
  await page.goto(url);

  await t('desktop opens on the page replica of 第1版', async () => {
    await see(page, '#label', '第1版 · 要闻');
    assert(await visible(page, '#sheet img'), 'page image visible');
    assert(!(await visible(page, '#list')), 'list hidden on desktop');
    eq(await page.locator('html').getAttribute('lang'), 'zh-CN');
  });

  await t('page fills the window: the page image is most of the stage height', async () => {
    const { sh, ih } = await page.evaluate(() => ({
      sh: document.getElementById('stage').clientHeight,
      ih: document.querySelector('#sheet img').getBoundingClientRect().height }));
    assert(ih > sh * 0.9 && ih <= sh, `image ${ih}px in stage ${sh}px`);
  });

  await t('header shows the date and PDF / EPUB / calendar links that resolve', async () => {
    const head = await text(page, 'header');
    assert(head.includes('吕梁日报') && head.includes('2025年2月18日') && head.includes('第7612期'), head);
    for (const name of ['PDF', 'EPUB']) {
      const href = await page.getByRole('link', { name: new RegExp('下载本期' + name) }).evaluate((a) => a.href);
      assert(existsSync(fileURLToPath(href)), `${name} link ${href}`);
    }
    eq(await page.getByRole('link', { name: '往期电子报日历' }).getAttribute('href'), '../../index.html');
  });

  await t('every hotspot rectangle lies inside its page image (page 1)', async () => {
    const r = await hotspotsInside(page); assert(r.ok, r.why);
  });

  await t('hotspots are links named by the article title; hover outlines all parts', async () => {
    const gas = page.getByRole('link', { name: GAS });
    eq(await gas.count(), 2, 'L-shaped article has two hotspots');
    await gas.first().hover();
    const styles = await gas.evaluateAll((els) => els.map((e) => getComputedStyle(e).borderTopColor));
    assert(styles.every((c) => c !== 'rgba(0, 0, 0, 0)'), 'outlined: ' + styles);
  });

  await page.screenshot({ path: join(shotDir, 'reader-desktop.png') });

  await t('article texts load lazily: none before an article is opened', async () => {
    eq(await loadedTexts(page), '', 'texts loaded on the page view');
  });

  await t('clicking a hotspot opens the article view with that title', async () => {
    await page.getByRole('link', { name: LEAD }).first().click();
    await see(page, '#article h1', LEAD);
    assert(page.url().endsWith('#article=tech-transfer'), page.url());
    await page.locator('#article .xhtml').waitFor();
    const body = await text(page, '#article');
    assert(body.includes('市政协委员建言献策') && body.includes('——张伟委员谈科技成果转化') &&
           body.includes('记者 罗丽 整理') && body.includes('打造“晋创谷·吕梁”平台'), 'kicker, subtitle, byline, subhead');
    eq(await text(page, '#article figcaption'), '图为张伟委员在小组讨论中发言。 记者 薛志雄 摄', 'caption');
    eq(await page.locator('#article figcaption').evaluate((e) => getComputedStyle(e, '::before').content), '"图："');
    eq(await page.locator('#article h1').count(), 1, 'one headline');
    eq(await loadedTexts(page), 'tech-transfer', 'only the open article\'s text loaded');
  });

  await page.screenshot({ path: join(shotDir, 'reader-desktop-article.png') });

  await t('font size control enlarges the article text', async () => {
    const fs = () => page.locator('#article p').nth(3).evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const before = await fs();
    await page.getByRole('button', { name: '字号增大' }).click();
    assert((await fs()) > before, 'larger after A+');
    await page.getByRole('button', { name: '字号减小' }).click();
    eq(await fs(), before);
  });

  await t('next article, and the jump line to the continuation page', async () => {
    await page.getByRole('link', { name: '上一篇' }).isVisible();
    eq(await page.locator('#aprev').getAttribute('aria-disabled'), 'true', 'first article: no previous');
    await page.getByRole('link', { name: /本文续见第2版/ }).click();
    await see(page, '#label', '第2版 · 两会专版');
    await page.goBack();
    await see(page, '#article h1', LEAD);
    await page.getByRole('link', { name: '下一篇' }).click();
    await see(page, '#article h1', GAS);
    eq(await page.locator('#article p:not([class]) b').first().innerText(), '本报讯', 'bold run kept');
  });

  await t('browser back returns to the page view', async () => {
    await page.goBack();
    await see(page, '#article h1', LEAD);
    await page.goBack();
    assert(await visible(page, '#pageview'), 'page view shown');
    await see(page, '#label', '第1版 · 要闻');
  });

  await t('→ moves to page 2, ← back to page 1', async () => {
    await page.locator('body').press('ArrowRight');
    await see(page, '#label', '第2版 · 两会专版');
    assert(page.url().endsWith('#page=2'), page.url());
    eq(await page.locator('#thumbs a[aria-current=page]').getAttribute('data-page'), '2');
    await page.locator('body').press('ArrowLeft');
    await see(page, '#label', '第1版 · 要闻');
  });

  await t('buttons and thumbnails change pages; hotspots inside the image on page 2', async () => {
    await page.getByRole('button', { name: '下一版' }).click();
    await see(page, '#label', '第2版 · 两会专版');
    assert(await page.getByRole('button', { name: '下一版' }).isDisabled(), 'last page: next disabled');
    await page.waitForFunction(() => document.querySelector('#sheet img').complete);
    const r = await hotspotsInside(page); assert(r.ok, r.why);
    await page.getByRole('link', { name: /^第1版/ }).click();
    await see(page, '#label', '第1版 · 要闻');
  });

  await t('zoom with + and −, and by clicking the page', async () => {
    const w = () => page.locator('#sheet').evaluate((e) => e.getBoundingClientRect().width);
    const w0 = await w();
    await page.getByRole('button', { name: '放大' }).click();
    assert((await w()) > w0 * 1.4, 'zoomed in');
    let r = await hotspotsInside(page); assert(r.ok, 'zoomed: ' + r.why);
    await page.getByRole('button', { name: '缩小' }).click();
    eq(Math.round(await w()), Math.round(w0));
    const box = await page.locator('#sheet').boundingBox();
    await page.mouse.click(box.x + box.width * 0.5, box.y + box.height * 0.05);  // masthead, no hotspot
    assert((await w()) > w0 * 1.9, 'click zooms');
    await page.mouse.click(box.x + box.width * 0.5, box.y + 10);
    eq(Math.round(await w()), Math.round(w0));
  });

  await t('dragging the zoomed page pans it and opens no article', async () => {
    for (let i = 0; i < 3; i++) await page.getByRole('button', { name: '放大' }).click();
    const scroll = () => page.locator('#stage').evaluate((e) => [e.scrollLeft, e.scrollTop]);
    const [x0, y0] = await scroll();
    await page.mouse.move(640, 400);     // over the lead article's hotspot
    await page.mouse.down();
    await page.mouse.move(500, 300, { steps: 5 });
    await page.mouse.up();
    const [x1, y1] = await scroll();
    assert(x1 - x0 > 100 && y1 - y0 > 80, `scrolled ${x1 - x0},${y1 - y0}`);
    assert(await visible(page, '#pageview'), 'still on the page');
    await see(page, '#label', '第1版 · 要闻');
    while (await page.getByRole('button', { name: '缩小' }).isEnabled()) await page.getByRole('button', { name: '缩小' }).click();
  });

  await t('keyboard: Tab reaches a hotspot with a visible focus ring, Enter opens it', async () => {
    await page.locator('#zin').focus();
    await page.keyboard.press('Tab');
    const hot = page.locator('#sheet .hot:focus');
    eq(await hot.count(), 1, 'a hotspot has the focus');
    const outline = await hot.evaluate((e) => getComputedStyle(e).outlineStyle);
    assert(outline !== 'none', 'focus outline ' + outline);
    await page.keyboard.press('Enter');
    await see(page, '#article h1', LEAD);
    await page.keyboard.press('Escape');
    await see(page, '#label', '第1版 · 要闻');
  });

  await t('search finds a word that is only in a body (loading the texts) and opens the article', async () => {
    assert(!(await loadedTexts(page)).includes('committee-voices'), 'body not loaded before the search');
    await page.getByRole('searchbox', { name: '搜索本期文章' }).fill('汾酒');
    const results = page.getByRole('region', { name: '搜索结果' });
    await see(page, '#results p', '找到1篇');
    assert(await results.isVisible(), 'results shown');
    eq(await text(page, '#results mark'), '汾酒', 'a body hit');
    eq(await loadedTexts(page), 'tech-transfer,natural-gas,committee-voices', 'all texts loaded');
    await results.getByRole('link', { name: new RegExp(VOICES) }).click();
    await see(page, '#article h1', VOICES);
    assert(!(await results.isVisible()), 'results closed');
  });

  await t('search: ↓ moves from the box to the first result', async () => {
    await page.getByRole('searchbox').fill('吕梁');
    await page.getByRole('searchbox').press('ArrowDown');
    eq(await page.evaluate(() => document.activeElement.closest('#results') !== null), true, 'focus in results');
    await page.keyboard.press('Enter');
    await see(page, '#article h1', GAS, 'title hit ranks first');
  });

  await t('← → in the article view step through the articles', async () => {
    await page.locator('body').press('ArrowRight');
    await see(page, '#article h1', VOICES);
    await page.locator('body').press('ArrowLeft');
    await see(page, '#article h1', GAS);
  });

  await t('search for a missing word says so', async () => {
    await page.getByRole('searchbox').fill('不存在的词语');
    assert((await text(page, '#results')).includes('没有找到'), 'no-hit message');
    await page.getByRole('searchbox').press('Escape');
  });

  await t('#article= deep link opens the article directly', async () => {
    const p2 = await context.newPage();
    watch(p2, 'deeplink');
    await p2.goto(url + '#article=committee-voices');
    await see(p2, '#article h1', VOICES);
    eq(await p2.locator('#back').getAttribute('href'), '#page=2');
    await p2.goto(url + '#page=2');
    await see(p2, '#label', '第2版 · 两会专版');
    await p2.close();
  });

  const phone = await context.newPage();
  watch(phone, 'phone');
  await phone.setViewportSize({ width: 390, height: 844 });
  await phone.goto(url);

  await t('at 390×844 the reader opens on the page\'s article list', async () => {
    assert(await visible(phone, '#list'), 'list visible');
    assert(!(await visible(phone, '#stage')), 'replica hidden');
    const items = await phone.locator('#list li b').allInnerTexts();
    eq(JSON.stringify(items), JSON.stringify([LEAD, GAS]));
  });

  await phone.screenshot({ path: join(shotDir, 'reader-phone.png') });

  await t('phone: page 2 lists its article, then the continuation of the lead', async () => {
    await phone.getByRole('button', { name: '下一版' }).click();
    await see(phone, '#label', '第2版 · 两会专版');
    const items = await phone.locator('#list li a').allInnerTexts();
    eq(items.length, 2);
    assert(items[0].includes(VOICES), items[0]);
    assert(items[1].startsWith('（上接第1版）') && items[1].includes(LEAD), items[1]);
    await phone.goBack();
    await see(phone, '#label', '第1版 · 要闻');
  });

  await t('phone: tap a list item to read, back to the list', async () => {
    await phone.locator('#list a').nth(1).click();
    await see(phone, '#article h1', GAS);
    await phone.screenshot({ path: join(shotDir, 'reader-phone-article.png') });
    await phone.goBack();
    await see(phone, '#label', '第1版 · 要闻');
    assert(await visible(phone, '#list'), 'list again');
  });

  await t('phone: the replica is one tap away, swipe left turns the page', async () => {
    await phone.getByRole('button', { name: '显示版面图' }).click();
    assert(await visible(phone, '#sheet img'), 'replica shown');
    const r = await hotspotsInside(phone); assert(r.ok, r.why);
    await phone.screenshot({ path: join(shotDir, 'reader-phone-page.png') });
    await phone.locator('#stage').evaluate((stage) => {
      const touch = (x) => new Touch({ identifier: 1, target: stage, clientX: x, clientY: 300 });
      stage.dispatchEvent(new TouchEvent('touchstart', { touches: [touch(300)], changedTouches: [touch(300)], bubbles: true }));
      stage.dispatchEvent(new TouchEvent('touchend', { touches: [], changedTouches: [touch(120)], bubbles: true }));
    });
    await see(phone, '#label', '第2版 · 两会专版');
    assert(await visible(phone, '#sheet img'), 'still the replica after the swipe');
  });

  await t('phone: pinch zooms the page', async () => {
    const w = () => phone.locator('#sheet').evaluate((e) => e.getBoundingClientRect().width);
    const w0 = await w();
    await phone.locator('#stage').evaluate((stage) => {
      const t = (id, x) => new Touch({ identifier: id, target: stage, clientX: x, clientY: 300 });
      const fire = (type, a, b) => stage.dispatchEvent(new TouchEvent(type, { touches: [t(1, a), t(2, b)], changedTouches: [t(2, b)], bubbles: true, cancelable: true }));
      fire('touchstart', 150, 250);
      fire('touchmove', 100, 300);
    });
    const w1 = await w();
    assert(w1 > w0 * 1.8, `pinch: ${w0} → ${w1}`);
  });

  if (xhtmlDir) {
    await t('article HTML from the hook is shown and searched; schematic page without images', async () => {
      const p3 = await context.newPage();
      watch(p3, 'xhtml');
      await p3.goto(pathToFileURL(join(xhtmlDir, 'reader', 'index.html')).href + '#article=natural-gas');
      await see(p3, '#article h1', GAS);
      await p3.locator('#article .xhtml').waitFor();
      assert((await p3.locator('#article .xhtml p.from-xhtml').count()) >= 3, 'xhtml paragraphs');
      await p3.goto(pathToFileURL(join(xhtmlDir, 'reader', 'index.html')).href + '#page=1');
      eq(await p3.locator('#sheet img').count(), 0, 'no page image');
      eq(await p3.locator('#sheet .hot').first().innerText(), LEAD, 'schematic page shows titles');
      await p3.screenshot({ path: join(shotDir, 'reader-desktop-noimages.png') });
      await p3.getByRole('searchbox').fill('汾酒');
      await p3.getByRole('searchbox').press('Enter');
      await see(p3, '#article h1', VOICES);
      await p3.close();
    });
  }

  if (xhtmlDir) {
    await t('a missing article text file is reported in the article view', async () => {
      const file = join(xhtmlDir, 'reader', 'text', 'natural-gas.js');
      renameSync(file, file + '.away');
      const p4 = await context.newPage();   /* not watched: the failed load is expected */
      try {
        await p4.goto(pathToFileURL(join(xhtmlDir, 'reader', 'index.html')).href + '#article=natural-gas');
        await see(p4, '#article h1', GAS);
        await p4.locator('#article [role=alert]').waitFor();
        assert((await text(p4, '#article [role=alert]')).includes('text/natural-gas.js'), 'names the file');
      } finally {
        renameSync(file + '.away', file);
        await p4.close();
      }
    });
  }

  await t('no console errors', async () => {
    eq(errors.length, 0, errors.join('\n'));
  });
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
console.log(`1..${n}`);
process.exit(failed ? 1 : 0);
