/* epaper web reader: page replica with article hotspots, article view,
 * search, phone-first article list.  Vanilla JS; the edition metadata comes
 * from edition.js (window.EPAPER_EDITION) and each article's text (the
 * EPUB's article XHTML) from text/<id>.js, loaded on demand by a <script>
 * element calling window.EPAPER_TEXT — so it works from file:// too. */
(function () {
  'use strict';
  var ED = window.EPAPER_EDITION;
  var $ = function (id) { return document.getElementById(id); };
  var NARROW = window.matchMedia('(max-width: 699px)');
  var FS_MIN = 14, FS_MAX = 31, ZOOM_MAX = 4;
  var st = { page: 1, article: null, mode: null, zoom: 1, fs: 19, shown: 0 };
  var byId = {}, waiting = {}, allLoaded = false;

  if (!ED || !ED.pages || !ED.pages.length) {
    $('main').textContent = '无法加载本期数据（edition.js）。';
    return;
  }
  ED.articles.forEach(function (a, i) { a.n = i; byId[a.id] = a; });

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text;
    return e;
  }
  function pageOf(n) { return ED.pages[n - 1]; }
  function dateText() {
    return ED.date_text + ' ' + (ED.weekday || '') +
      (ED.issue ? ' · 第' + ED.issue + '期' : '');
  }
  function defaultMode() { return NARROW.matches ? 'list' : 'replica'; }
  function pageHash(n, mode) {
    return '#page=' + n + (mode && mode !== defaultMode() ? '&view=' + mode : '');
  }
  function go(hash) { if (location.hash !== hash) location.hash = hash; else route(); }

  /* ---- header ---------------------------------------------------- */
  function buildHeader() {
    document.documentElement.lang = ED.language || 'zh-CN';
    $('paper').textContent = ED.paper;
    $('dateline').textContent = dateText();
    var links = $('links'), dl = ED.downloads || {};
    if (ED.calendar) links.appendChild(el('a', { href: ED.calendar, 'aria-label': '往期电子报日历' }, '往期'));
    if (dl.pdf) links.appendChild(el('a', { href: dl.pdf, 'aria-label': '下载本期PDF版' }, 'PDF'));
    if (dl.epub) links.appendChild(el('a', { href: dl.epub, 'aria-label': '下载本期EPUB电子书' }, 'EPUB'));
  }

  function buildThumbs() {
    var ol = $('thumbs');
    ED.pages.forEach(function (p) {
      var a = el('a', { href: '#page=' + p.number, 'aria-label': p.label, 'data-page': p.number });
      var src = p.thumb || p.image;
      a.appendChild(src ? el('img', { src: src, alt: '', loading: 'lazy' }) : el('span', { 'class': 'blank' }));
      var lab = a.appendChild(el('span', null, '第' + p.number + '版 '));
      lab.appendChild(el('bdi', null, p.section));
      a.addEventListener('click', function (ev) { ev.preventDefault(); go(pageHash(p.number, st.mode)); });
      var li = el('li'); li.appendChild(a); ol.appendChild(li);
    });
  }

  /* ---- page view ------------------------------------------------- */
  function pct(v) { return (v * 100 / ED.rect_unit) + '%'; }

  function hotspot(art, r, first) {
    var a = el('a', { 'class': 'hot', href: '#article=' + art.id, title: art.title,
                      'aria-label': art.title, 'data-id': art.id }, art.title);
    if (!first) a.tabIndex = -1;
    a.style.left = pct(r.x); a.style.top = pct(r.y);
    a.style.width = pct(r.w); a.style.height = pct(r.h);
    return a;
  }

  function outline(id, on) {
    var hs = $('sheet').querySelectorAll('.hot');
    for (var i = 0; i < hs.length; i++)
      if (hs[i].getAttribute('data-id') === id) hs[i].classList.toggle('on', on);
  }

  function renderSheet(p) {
    var sheet = $('sheet');
    sheet.textContent = '';
    sheet.classList.toggle('noimg', !p.image);
    if (p.image) {
      var img = el('img', { src: p.image, alt: p.label + '版面图', draggable: 'false' });
      /* width descriptors: the browser takes the @2x image only when the
       * page is shown wider than the 1× image in device pixels (a phone
       * showing the whole page gets the 1× image; zooming in, the @2x) */
      if (p.image2x && ED.image_width) {
        img.setAttribute('srcset', p.image + ' ' + ED.image_width + 'w, ' +
                         p.image2x + ' ' + 2 * ED.image_width + 'w');
        img.setAttribute('sizes', sheet.style.width || '100vw');
      } else if (p.image2x) img.setAttribute('srcset', p.image + ' 1x, ' + p.image2x + ' 2x');
      sheet.appendChild(img);
    }
    sharpen();
    var seen = {};
    ED.articles.forEach(function (art) {
      art.rects.forEach(function (r) {
        if (r.page !== p.number) return;
        sheet.appendChild(hotspot(art, r, !seen[art.id]));
        seen[art.id] = true;
      });
    });
  }

  function snippet(art, len) {
    var t = textOf(art).lead;
    return t.length > len ? t.slice(0, len) + '…' : t;
  }

  /* The page's article list; the snippets fill in as the texts load
   * (only when the list is shown). */
  function renderList(p, shown) {
    var ol = $('list');
    ol.textContent = '';
    p.articles.forEach(function (id) {
      var art = byId[id], a = el('a', { href: '#article=' + art.id });
      if (art.page !== p.number) a.appendChild(el('small', null, '（上接第' + art.page + '版）'));
      if (art.kicker) a.appendChild(el('small', null, art.kicker));
      a.appendChild(el('b', null, art.title));
      var snip = a.appendChild(el('small', { 'class': 'snip' }));
      if (shown) loadText(art, function () { snip.textContent = snippet(art, 48); });
      var li = el('li'); li.appendChild(a); ol.appendChild(li);
    });
  }

  function fit() {
    if ($('stage').hidden || $('pageview').hidden) return;
    var stage = $('stage'), sheet = $('sheet');
    var w = stage.clientWidth - 16, h = stage.clientHeight - 16;
    var s = Math.max(0.05, Math.min(w / ED.page_width, h / ED.page_height)) * st.zoom;
    sheet.style.width = Math.round(ED.page_width * s) + 'px';
    sheet.style.height = Math.round(ED.page_height * s) + 'px';
    var img = sheet.querySelector('img[sizes]');
    if (img) img.setAttribute('sizes', sheet.style.width);
    stage.classList.toggle('zoomed', st.zoom > 1);
    sharpen();
    $('zout').disabled = st.zoom <= 1;
    $('zin').disabled = st.zoom >= ZOOM_MAX;
  }

  /* Zoomed in, a 1× screen shows the 2× page image too (srcset picks it on
   * high-DPI screens; with width descriptors it follows the sheet's size). */
  function sharpen() {
    var img = $('sheet').querySelector('img'), p = pageOf(st.page);
    if (!img || !p.image2x || img.hasAttribute('sizes')
        || img.getAttribute('srcset') === p.image2x) return;
    if (st.zoom > 1) img.setAttribute('srcset', p.image2x);
  }

  /* Zooms to @z keeping the page point under (cx, cy) (client px) still. */
  function zoomTo(z, cx, cy) {
    var stage = $('stage'), r = $('sheet').getBoundingClientRect(), sr = stage.getBoundingClientRect();
    z = Math.max(1, Math.min(ZOOM_MAX, z));
    if (cx == null) { cx = sr.left + sr.width / 2; cy = sr.top + sr.height / 2; }
    var fx = (cx - r.left) / r.width, fy = (cy - r.top) / r.height;
    st.zoom = z;
    fit();
    var r2 = $('sheet').getBoundingClientRect();
    stage.scrollLeft += r2.left + fx * r2.width - cx;
    stage.scrollTop += r2.top + fy * r2.height - cy;
  }

  function showPage(n, mode) {
    var p = pageOf(n);
    var changed = n !== st.page || st.article;
    st.page = n; st.article = null; st.mode = mode;
    $('articleview').hidden = true;
    $('pageview').hidden = false;
    $('label').textContent = p.label;
    $('prev').disabled = n <= 1;
    $('next').disabled = n >= ED.pages.length;
    var list = mode === 'list';
    $('stage').hidden = list;
    $('list').hidden = !list;
    $('zin').hidden = $('zout').hidden = list;
    $('mode').textContent = list ? '看版面' : '文章列表';
    $('mode').setAttribute('aria-label', list ? '显示版面图' : '显示本版文章列表');
    var ts = $('thumbs').querySelectorAll('a');
    for (var i = 0; i < ts.length; i++) {
      if (+ts[i].getAttribute('data-page') === n) {
        ts[i].setAttribute('aria-current', 'page');
        if (ts[i].scrollIntoView) ts[i].scrollIntoView({ block: 'nearest', inline: 'nearest' });
      } else ts[i].removeAttribute('aria-current');
    }
    if (changed) st.zoom = 1;
    renderSheet(p);
    renderList(p, list);
    fit();
    /* FSI … PDI: bidi controls in a name cannot reorder the rest */
    document.title = '\u2068' + ED.title + '\u2069 \u2068' + p.label + '\u2069';
  }

  /* ---- article texts ---------------------------------------------- */
  /* text/<id>.js calls this with the article's XHTML fragment. */
  window.EPAPER_TEXT = function (t) {
    var art = t && byId[t.id];
    if (!art || art.html != null) return;
    art.html = String(t.html);
    done(art);
  };
  function done(art) {
    var cbs = waiting[art.id] || [];
    delete waiting[art.id];
    cbs.forEach(function (cb) { cb(art); });
  }
  /* Calls @cb (art) once the text of @art is loaded (art.html), or failed
   * to load (art.failed). */
  function loadText(art, cb) {
    if (art.html != null || art.failed) return cb(art);
    if (waiting[art.id]) return waiting[art.id].push(cb);
    waiting[art.id] = [cb];
    var s = el('script', { src: art.text });
    s.onload = s.onerror = function () {
      document.head.removeChild(s);
      if (art.html == null) { art.failed = true; done(art); }
    };
    document.head.appendChild(s);
  }
  function loadAll(cb) {
    var left = ED.articles.length;
    if (!left) { allLoaded = true; return cb(); }
    ED.articles.forEach(function (art) {
      loadText(art, function () { if (--left === 0) { allLoaded = true; cb(); } });
    });
  }

  /* ---- article view ---------------------------------------------- */
  function toInt(s) { return parseInt(s, 10); }

  /* EPUB links (../text/a-ID.xhtml#page-N) become reader routes. */
  function readerLinks(box) {
    var as = box.querySelectorAll('a[href]');
    for (var i = 0; i < as.length; i++) {
      var h = as[i].getAttribute('href'), m = /#page-(\d+)$/.exec(h), a = /a-([\w-]+)\.xhtml/.exec(h);
      if (m && pageOf(toInt(m[1]))) as[i].setAttribute('href', '#page=' + toInt(m[1]));
      else if (a && byId[a[1]]) as[i].setAttribute('href', '#article=' + a[1]);
      else as[i].removeAttribute('href');
      as[i].classList.add('jump');
    }
  }

  function headNode(art) {
    var h = el('header');
    if (art.kicker) h.appendChild(el('p', { 'class': 'kicker' }, art.kicker));
    h.appendChild(el('h1', null, art.title));
    return h;
  }

  function jumpLinks(art, box) {
    var pages = [];
    art.rects.forEach(function (r) { if (r.page !== art.page && pages.indexOf(r.page) < 0) pages.push(r.page); });
    pages.forEach(function (n) {
      var p = el('p', { 'class': 'jump' });
      var a = p.appendChild(el('a', { href: '#page=' + n }, '本文续见第' + n + '版（'));
      a.appendChild(el('bdi', null, pageOf(n).section));
      a.appendChild(document.createTextNode('）→'));
      box.appendChild(p);
    });
  }

  function setNav(id, art, label) {
    var a = $(id);
    if (art) { a.href = '#article=' + art.id; a.removeAttribute('aria-disabled'); a.title = label + '：' + art.title; }
    else { a.removeAttribute('href'); a.setAttribute('aria-disabled', 'true'); a.removeAttribute('title'); }
  }

  function showArticle(art) {
    var seq = ++st.shown;
    st.article = art.id; st.page = art.page;
    $('pageview').hidden = true;
    $('articleview').hidden = false;
    var box = $('article'), p = pageOf(art.page);
    box.textContent = '';
    box.appendChild(el('p', { 'class': 'where' }, p.label));
    box.appendChild(headNode(art));
    box.setAttribute('aria-busy', 'true');
    $('back').href = pageHash(art.page, st.mode);
    $('back').textContent = '‹ 返回' + p.label;
    setNav('aprev', ED.articles[art.n - 1], '上一篇');
    setNav('anext', ED.articles[art.n + 1], '下一篇');
    applyFont();
    $('articleview').scrollTop = 0;
    box.focus({ preventScroll: true });
    /* FSI … PDI: bidi controls in a title cannot reorder the rest */
    document.title = '\u2068' + art.title + '\u2069 — \u2068' + ED.title + '\u2069';
    loadText(art, function () {
      if (seq !== st.shown) return;   /* another article was opened meanwhile */
      box.removeAttribute('aria-busy');
      if (art.failed) {
        box.appendChild(el('p', { 'class': 'error', role: 'alert' }, '无法加载正文（' + art.text + '）。'));
        return;
      }
      var d = el('div', { 'class': 'xhtml' });
      d.innerHTML = art.html;          /* the EPUB's article XHTML */
      readerLinks(d);
      box.textContent = '';
      box.appendChild(el('p', { 'class': 'where' }, p.label));
      if (!d.querySelector('h1')) box.appendChild(headNode(art));
      box.appendChild(d);
      jumpLinks(art, box);
    });
  }

  function applyFont() {
    $('article').style.setProperty('--fs', st.fs + 'px');
    $('fdown').disabled = st.fs <= FS_MIN;
    $('fup').disabled = st.fs >= FS_MAX;
  }
  function font(d) {
    st.fs = Math.max(FS_MIN, Math.min(FS_MAX, st.fs + d));
    try { localStorage.setItem('epaper.fs', st.fs); } catch (e) { /* storage off */ }
    applyFont();
  }

  /* ---- search ---------------------------------------------------- */
  /* Searchable text of @art: head (kicker, title, and the text's header:
   * subtitle, byline), body and lead paragraph once its text is loaded. */
  function textOf(art) {
    if (art.search) return art.search;
    var head = [art.kicker, art.title], body = '', lead = '';
    if (art.html) {
      var d = el('div');
      d.innerHTML = art.html;
      var hd = d.querySelector('header');
      if (hd) { head.push(hd.textContent.replace(/\s+/g, ' ')); hd.parentNode.removeChild(hd); }
      var ps = [].slice.call(d.querySelectorAll('p')), lp = ps.filter(function (e) { return !e.closest('.note'); })[0] || ps[0];
      lead = lp ? lp.textContent.trim() : '';
      body = d.textContent.replace(/\s*\n\s*/g, '\n').trim();
    }
    var t = { head: head.filter(Boolean).join(' '), body: body, lead: lead };
    if (art.html != null || art.failed) art.search = t;
    return t;
  }

  function search(q) {
    q = q.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    ED.articles.forEach(function (art) {
      var t = textOf(art), h = t.head.toLowerCase().indexOf(q), b = t.body.toLowerCase().indexOf(q);
      if (h >= 0 || b >= 0) hits.push({ art: art, inHead: h >= 0, at: b });
    });
    hits.sort(function (x, y) { return (y.inHead - x.inHead) || (x.art.n - y.art.n); });
    return hits;
  }

  /* Shows the hits for @q; the first search loads every article's text and
   * then searches again. */
  function showResults(q) {
    var box = $('results'), hits = search(q);
    box.textContent = '';
    if (!q.trim()) { box.hidden = true; return hits; }
    if (!allLoaded && !st.loading) {
      st.loading = true;
      box.setAttribute('aria-busy', 'true');
      loadAll(function () {
        box.removeAttribute('aria-busy');
        if (!box.hidden) showResults($('q').value);
      });
    }
    box.appendChild(el('p', null, !allLoaded ? '正在载入正文…' + (hits.length ? '标题中找到' + hits.length + '篇' : '')
                                  : hits.length ? '找到' + hits.length + '篇' : '没有找到“' + q.trim() + '”'));
    hits.slice(0, 30).forEach(function (h) {
      var a = el('a', { href: '#article=' + h.art.id });
      a.appendChild(el('b', null, h.art.title));
      var s = el('small', null, pageOf(h.art.page).label + ' ');
      if (h.at >= 0) {
        var body = textOf(h.art).body, len = q.trim().length, from = Math.max(0, h.at - 16);
        s.appendChild(document.createTextNode((from ? '…' : '') + body.slice(from, h.at)));
        s.appendChild(el('mark', null, body.substr(h.at, len)));
        s.appendChild(document.createTextNode(body.substr(h.at + len, 24) + '…'));
      }
      a.appendChild(s);
      box.appendChild(a);
    });
    box.hidden = false;
    return hits;
  }

  /* ---- routing ---------------------------------------------------- */
  function parseHash() {
    var o = {};
    location.hash.replace(/^#/, '').split('&').forEach(function (kv) {
      var i = kv.indexOf('=');
      if (i > 0) o[kv.slice(0, i)] = decodeURIComponent(kv.slice(i + 1));
    });
    return o;
  }

  function route() {
    var h = parseHash();
    $('results').hidden = true;
    if (h.article && byId[h.article]) return showArticle(byId[h.article]);
    var n = parseInt(h.page, 10);
    if (!(n >= 1 && n <= ED.pages.length)) n = 1;
    var mode = h.view === 'list' || h.view === 'replica' ? h.view : defaultMode();
    showPage(n, mode);
  }

  function step(d) {
    if (st.article) {
      var a = ED.articles[byId[st.article].n + d];
      if (a) go('#article=' + a.id);
    } else if (pageOf(st.page + d)) go(pageHash(st.page + d, st.mode));
  }

  /* ---- input ------------------------------------------------------ */
  function bindPointer() {
    var stage = $('stage'), drag = null, moved = false, touch = null;
    stage.addEventListener('click', function (ev) {
      if (moved) { moved = false; ev.preventDefault(); return; }  /* end of a pan */
      if (ev.target.closest('.hot')) return;
      if (!ev.target.closest('.sheet')) return;
      zoomTo(st.zoom > 1 ? 1 : 2, ev.clientX, ev.clientY);
    });
    stage.addEventListener('dragstart', function (ev) { ev.preventDefault(); });
    stage.addEventListener('pointerdown', function (ev) {
      moved = false;
      if (ev.pointerType !== 'mouse' || st.zoom <= 1 || ev.button !== 0) return;
      drag = { x: ev.clientX, y: ev.clientY, sl: stage.scrollLeft, st: stage.scrollTop };
    });
    window.addEventListener('pointermove', function (ev) {
      if (!drag) return;
      var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) moved = true;
      stage.scrollLeft = drag.sl - dx; stage.scrollTop = drag.st - dy;
    });
    window.addEventListener('pointerup', function () { drag = null; });
    stage.addEventListener('touchstart', function (ev) {
      var t = ev.touches;
      if (t.length === 2) touch = { pinch: dist(t), zoom: st.zoom };
      else if (t.length === 1) touch = { x: t[0].clientX, y: t[0].clientY };
    }, { passive: true });
    stage.addEventListener('touchmove', function (ev) {
      var t = ev.touches;
      if (!touch || !touch.pinch || t.length !== 2) return;
      ev.preventDefault();
      zoomTo(touch.zoom * dist(t) / touch.pinch,
             (t[0].clientX + t[1].clientX) / 2, (t[0].clientY + t[1].clientY) / 2);
    }, { passive: false });
    stage.addEventListener('touchend', function (ev) {
      if (!touch || touch.pinch || st.zoom > 1 || ev.touches.length) { if (!ev.touches.length) touch = null; return; }
      var c = ev.changedTouches[0], dx = c.clientX - touch.x, dy = c.clientY - touch.y;
      touch = null;
      if (Math.abs(dx) > 60 && Math.abs(dx) > 2 * Math.abs(dy)) step(dx < 0 ? 1 : -1);
    });
  }
  function dist(t) { return Math.hypot(t[0].clientX - t[1].clientX, t[0].clientY - t[1].clientY) || 1; }

  function bindKeys() {
    document.addEventListener('keydown', function (ev) {
      if (ev.altKey || ev.ctrlKey || ev.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(ev.target.tagName)) return;
      var k = ev.key;
      if (k === 'ArrowRight' || k === 'ArrowLeft') step(k === 'ArrowRight' ? 1 : -1);
      else if (k === 'Escape' && st.article) go($('back').getAttribute('href'));
      else if ((k === '+' || k === '=') && !st.article) zoomTo(st.zoom * 1.5);
      else if (k === '-' && !st.article) zoomTo(st.zoom / 1.5);
      else return;
      ev.preventDefault();
    });
  }

  function bindControls() {
    $('prev').onclick = function () { step(-1); };
    $('next').onclick = function () { step(1); };
    $('zin').onclick = function () { zoomTo(st.zoom * 1.5); };
    $('zout').onclick = function () { zoomTo(st.zoom / 1.5); };
    $('mode').onclick = function () { go(pageHash(st.page, st.mode === 'list' ? 'replica' : 'list')); };
    $('fup').onclick = function () { font(2); };
    $('fdown').onclick = function () { font(-2); };
    $('q').addEventListener('input', function () { showResults(this.value); });
    $('q').addEventListener('keydown', function (ev) {
      var first = $('results').querySelector('a');
      if (ev.key === 'Escape') $('results').hidden = true;
      else if (ev.key === 'ArrowDown' && first && !$('results').hidden) { ev.preventDefault(); first.focus(); }
    });
    document.querySelector('.skip').onclick = function (ev) {
      ev.preventDefault();
      (st.article ? $('article') : $('main')).focus();
    };
    $('search-form').addEventListener('submit', function (ev) {
      ev.preventDefault();
      var q = $('q').value;
      loadAll(function () {
        var hits = showResults(q);
        if (hits.length) go('#article=' + hits[0].art.id);
      });
    });
    $('sheet').addEventListener('mouseover', function (ev) { var h = ev.target.closest('.hot'); if (h) outline(h.getAttribute('data-id'), true); });
    $('sheet').addEventListener('mouseout', function (ev) { var h = ev.target.closest('.hot'); if (h) outline(h.getAttribute('data-id'), false); });
    document.addEventListener('click', function (ev) {
      if (!ev.target.closest('#search-form')) $('results').hidden = true;
    });
    window.addEventListener('resize', fit);
    window.addEventListener('hashchange', route);
  }

  try { st.fs = +localStorage.getItem('epaper.fs') || st.fs; } catch (e) { /* storage off */ }
  st.fs = Math.max(FS_MIN, Math.min(FS_MAX, st.fs));
  buildHeader();
  buildThumbs();
  bindControls();
  bindPointer();
  bindKeys();
  route();
})();
