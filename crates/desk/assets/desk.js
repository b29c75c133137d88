// The desk: every view is built from the JSON endpoints (docs/desk.md) with DOM nodes. Text
// from articles only ever becomes a text node or an attribute value: never markup.
'use strict';
(() => {
  const main = document.getElementById('main');
  const status = document.getElementById('status');
  const KINDS = { person: 'person', organization: 'organization', location: 'location' };
  const MAX_ROWS = 200;
  const PAGE = 50;
  let info = { live: false, store: null };
  let live = null; // the open EventSource of the wire view
  let worldData = null;

  const enc = encodeURIComponent;

  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
    for (const k of kids.flat(2)) if (k != null && k !== false) e.append(k instanceof Node ? k : String(k));
    return e;
  }

  function svg(tag, attrs, ...kids) {
    const e = document.createElementNS('http://www.w3.org/2000/svg', tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v != null) e.setAttribute(k, v);
    for (const k of kids) e.append(k instanceof Node ? k : String(k));
    return e;
  }

  // A link inside the desk: `#/view?...`, built from encoded parts only.
  function link(hash, text, cls) {
    return el('a', { href: hash, class: cls }, text);
  }

  function query(params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
    return q.toString();
  }

  async function api(path) {
    const r = await fetch(path, { credentials: 'same-origin', headers: { Accept: 'application/json' } });
    const j = await r.json().catch(() => ({}));
    if (!r.ok) throw new Error(j.error || `${r.status} ${r.statusText}`);
    return j;
  }

  function fail(e) {
    main.replaceChildren(el('p', { class: 'error' }, e.message || String(e)));
  }

  function kind(k) {
    return KINDS[k] || '';
  }

  function chips(s) {
    const out = [];
    for (const e of s.entities || []) {
      const a = link('#/search?' + query({ entity: e.name }), e.name, `chip ${kind(e.kind)}`);
      a.setAttribute('title', e.kind + (e.country ? ` · ${e.country}` : ''));
      out.push(a);
    }
    for (const t of s.tags || []) out.push(link('#/search?' + query({ tag: t }), t, 'tag'));
    return el('div', { class: 'chips' }, out);
  }

  function origin(src) {
    if (!src) return '';
    if (src.path) return src.line != null ? `${src.path}:${src.line}` : src.path;
    return src.line != null ? `${src.name}:${src.line}` : src.name;
  }

  // A snippet with the store's [matches] marked.
  function snippet(text) {
    const out = [];
    const re = /\[([^\]]*)\]/g;
    let at = 0;
    for (const m of text.matchAll(re)) {
      out.push(text.slice(at, m.index), el('mark', {}, m[1]));
      at = m.index + m[0].length;
    }
    out.push(text.slice(at));
    return el('div', { class: 'snippet' }, out);
  }

  function row(s) {
    const when = s.received_at || '';
    const meta = el('div', { class: 'meta' },
      el('time', { datetime: when, title: when }, when.slice(11, 19)),
      el('span', {}, origin(s.source)),
      s.lang ? el('span', {}, s.lang) : null,
      s.words != null ? el('span', {}, `${s.words} words`) : null);
    const dup = s.duplicate_of ? el('div', { class: 'dup' }, 'duplicate of ',
      link('#/article/' + enc(s.duplicate_of), s.duplicate_of),
      s.similarity != null ? ` (${Math.round(s.similarity * 100)} % alike)` : '') : null;
    return el('li', { class: 'row', 'data-id': s.id }, meta,
      link('#/article/' + enc(s.id), s.title || '(no title)', 'title'), chips(s), dup,
      s.snippet != null ? snippet(s.snippet) : null);
  }

  // --- Wire -------------------------------------------------------------------------------
  function stopLive() {
    if (live) live.close();
    live = null;
  }

  function wireView() {
    const list = el('ul', { class: 'rows', id: 'wire' });
    const note = el('span', { class: 'note', id: 'wire-note' });
    const button = el('button', { type: 'button', id: 'pause' }, 'Pause');
    let dropped = 0;
    const rows = new Map();
    const add = (s, top) => {
      const old = rows.get(s.id);
      if (old) old.remove();
      const r = row(s);
      rows.set(s.id, r);
      if (top) list.prepend(r); else list.append(r);
      while (list.children.length > MAX_ROWS) {
        rows.delete(list.lastChild.dataset.id);
        list.lastChild.remove();
      }
    };
    const say = () => {
      note.textContent = live ? 'live' + (dropped ? ` · ${dropped} not shown (faster than a view)` : '')
        : (info.live ? 'paused: the pipeline runs on; Resume shows the newest' : 'no live wire: this desk reads a store');
    };
    // The store's newest, below what the live wire already showed (an article stored while
    // the view connected is in one or the other, never lost).
    const load = () => api('/api/recent?limit=50').then((j) => {
      for (const s of j.articles) if (!rows.has(s.id)) add(s, false);
    }).catch(fail);
    const connect = () => {
      list.replaceChildren();
      rows.clear();
      if (!info.live) { load(); return say(); }
      live = new EventSource('/api/wire');
      live.addEventListener('article', (ev) => {
        const d = JSON.parse(ev.data);
        dropped = d.dropped;
        add(d.article, true);
        say();
      });
      // Live once the server follows this view, and only then the store's newest: what was
      // stored before comes from the store, what after from the wire.
      live.onopen = () => { say(); load(); };
      live.onerror = () => { note.textContent = 'reconnecting…'; };
      note.textContent = 'connecting…';
    };
    button.addEventListener('click', () => {
      if (live) { stopLive(); button.textContent = 'Resume'; say(); } else { button.textContent = 'Pause'; connect(); }
    });
    main.replaceChildren(el('div', { class: 'bar' }, info.live ? button : null, note), list);
    connect();
  }

  // --- Search -----------------------------------------------------------------------------
  const FILTERS = [
    ['q', 'words, "a phrase", a OR b, title:word', 'q'],
    ['entity', 'entity'], ['country', 'country (IQ)'], ['tag', 'tag'], ['lang', 'language (en)'],
    ['since', 'since (24h, 2026-11-29)'],
  ];

  function searchView(p) {
    const inputs = {};
    const form = el('form', { class: 'bar', id: 'search-form', role: 'search' });
    for (const [name, hint, cls] of FILTERS) {
      const i = el('input', { name, placeholder: hint, 'aria-label': name, class: cls, type: 'search' });
      i.value = p.get(name) || '';
      inputs[name] = i;
      form.append(i);
    }
    form.append(el('button', { type: 'submit' }, 'Search'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      const q = {};
      for (const [k, i] of Object.entries(inputs)) q[k] = i.value.trim();
      location.hash = '#/search?' + query(q);
    });
    const results = el('div', { id: 'results' }, el('p', { class: 'note' }, 'Searching…'));
    main.replaceChildren(form, results);
    const offset = Math.max(0, parseInt(p.get('offset') || '0', 10) || 0);
    const params = {};
    for (const [name] of FILTERS) params[name] = p.get(name);
    api('/api/search?' + query({ ...params, limit: PAGE, offset })).then((j) => {
      const list = el('ul', { class: 'rows' }, j.hits.map(row));
      const page = (o) => '#/search?' + query({ ...params, offset: o || null });
      const pager = el('div', { class: 'pager' },
        offset > 0 ? link(page(Math.max(0, offset - PAGE)), '← newer / better', 'prev') : null,
        el('span', { class: 'note' }, j.hits.length ? `${offset + 1}–${offset + j.hits.length}` : 'no matching articles'),
        j.more ? link(page(offset + PAGE), 'more →', 'next') : null);
      results.replaceChildren(list, pager);
    }).catch((e) => results.replaceChildren(el('p', { class: 'error' }, e.message)));
  }

  // --- Article ----------------------------------------------------------------------------
  const KNOWN = new Set(['schema', 'id', 'source', 'url', 'published', 'author', 'received_at', 'title',
    'text', 'extraction', 'lang', 'counts', 'fingerprint', 'entities', 'quotes', 'keywords', 'tags', 'meta',
    'duplicate_of', 'similarity']);

  function show(v) {
    return typeof v === 'string' ? v : JSON.stringify(v);
  }

  function facts(pairs) {
    const dl = el('dl', { class: 'facts' });
    for (const [k, v] of pairs) if (v != null && v !== '') dl.append(el('dt', {}, k), el('dd', {}, v));
    return dl;
  }

  function articleView(id) {
    main.replaceChildren(el('p', { class: 'note' }, 'Loading…'));
    api('/api/article?id=' + enc(id)).then((j) => {
      const r = j.record;
      const ents = j.entities;
      const mention = (seg) => {
        const e = ents[seg.entity];
        if (!e) return seg.text;
        const title = [e.name, e.kind, e.country].filter(Boolean).join(' · ');
        return el('span', { class: `ent ${kind(e.kind)}`, title, 'data-entity': e.name }, seg.text);
      };
      const text = el('div', { class: 'text' }, j.paragraphs
        .filter((p) => p.some((s) => s.text.trim()))
        .map((p) => el('p', {}, p.map((s) => (s.entity == null ? s.text : mention(s))))));
      const url = typeof r.url === 'string' && /^https?:\/\//i.test(r.url)
        ? el('a', { href: r.url, rel: 'noopener noreferrer nofollow', target: '_blank' }, r.url) : r.url;
      const src = r.source || {};
      const extra = Object.keys(r).filter((k) => !KNOWN.has(k)).map((k) => [k, show(r[k])]);
      const side = el('aside', {},
        el('h2', {}, 'Entities'), el('div', { class: 'chips' }, ents.map((e) => {
          const a = link('#/search?' + query({ entity: e.name }), `${e.name} ${e.count ?? ''}`.trim(), `chip ${kind(e.kind)}`);
          a.setAttribute('title', [e.kind, e.country].filter(Boolean).join(' · '));
          return a;
        })),
        el('h2', {}, 'Keywords'), el('div', { class: 'chips' }, (r.keywords || []).map((k) => el('span', { class: 'tag' }, k))),
        el('h2', {}, 'Tags'), chips({ tags: r.tags }),
        el('h2', {}, 'Provenance'), facts([
          ['id', r.id], ['source', src.name], ['file', src.path], ['line', src.line], ['offset', src.offset],
          ['received', r.received_at], ['extraction', r.extraction],
          ['language', r.lang ? `${r.lang.code} (${Math.round(r.lang.confidence * 100)} %${r.lang.detected ? ', detected' : ''})` : null],
          ['duplicate of', r.duplicate_of ? link('#/article/' + enc(r.duplicate_of), r.duplicate_of) : null],
        ]),
        Object.keys(r.meta || {}).length ? [el('h2', {}, 'Input fields'), facts(Object.entries(r.meta).map(([k, v]) => [k, show(v)]))] : null);
      const quotes = (r.quotes || []).map((q) => el('blockquote', {}, q.text, el('cite', {}, q.speaker ? `— ${q.speaker}` : '— (speaker unknown)')));
      main.replaceChildren(el('article', { id: 'article', 'data-id': r.id },
        el('div', { class: 'meta' }, r.published ? el('span', {}, r.published) : null,
          r.author ? el('span', { class: 'byline' }, `by ${r.author}`) : null,
          r.counts ? el('span', {}, `${r.counts.words} words`) : null),
        el('h1', {}, r.title || '(no title)'),
        extra.length ? facts(extra) : null,
        url ? el('p', { class: 'meta' }, url) : null,
        el('div', { class: 'cols' },
          el('div', {}, text, quotes.length ? [el('h2', {}, 'Quotations'), quotes] : null), side),
        el('details', {}, el('summary', {}, 'Record JSON'), el('pre', { class: 'raw' }, JSON.stringify(r, null, 2)))));
    }).catch(fail);
  }

  // --- Overview ---------------------------------------------------------------------------
  const PERIODS = ['1h', '6h', '24h', '7d', 'all'];
  const SPANS = { m: 60e3, h: 3600e3, d: 86400e3, w: 604800e3 };

  function top(title, items, hashOf) {
    const rows = items.map(([name, n]) => el('tr', {},
      el('td', {}, hashOf ? link(hashOf(name), name) : name), el('td', { class: 'n' }, n)));
    return el('section', {}, el('h2', {}, title),
      rows.length ? el('table', { class: 'top' }, rows) : el('p', { class: 'note' }, 'none'));
  }

  // UTC milliseconds of a timeline bucket (`2026-11-29T10:05` or `2026-11-29T10`).
  function bucketTime(b) {
    return Date.parse(b.length === 13 ? `${b}:00Z` : `${b}Z`);
  }

  function timeline(o) {
    const step = o.bucket === 'minute' ? 60e3 : 3600e3;
    const now = Date.now();
    const m = /^(\d+)([mhdw])$/.exec(o.since);
    let start = m ? now - m[1] * SPANS[m[2]] : (o.timeline.length ? bucketTime(o.timeline[0][0]) : now - 86400e3);
    if (!m && /^\d{4}-\d\d-\d\d/.test(o.since)) start = Date.parse(o.since);
    const n = Math.max(1, Math.ceil((now - start) / step));
    const max = Math.max(1, ...o.timeline.map(([, c]) => c));
    const W = 1000;
    const w = Math.max(1, W / n);
    const chart = svg('svg', { class: 'chart', viewBox: `0 0 ${W} 100`, preserveAspectRatio: 'none', role: 'img' });
    for (const [b, c] of o.timeline) {
      const i = Math.min(n - 1, Math.max(0, Math.floor((bucketTime(b) - start) / step)));
      const h = Math.max(2, (c / max) * 100);
      chart.append(svg('rect', { x: (i * W) / n, y: 100 - h, width: w, height: h }, svg('title', {}, `${b}: ${c}`)));
    }
    return el('section', {}, el('h2', {}, `Articles per ${o.bucket} (most ${max})`), chart);
  }

  function map(o, world) {
    const counts = new Map(o.countries);
    const max = Math.max(1, ...o.countries.map(([, n]) => n));
    const m = svg('svg', { class: 'map', viewBox: `0 0 ${world.width} ${world.height}`, role: 'img', id: 'map' });
    for (const [cc, d] of Object.entries(world.countries)) {
      const n = counts.get(cc) || 0;
      const p = svg('path', { d, 'data-cc': cc }, svg('title', {}, n ? `${cc}: ${n} articles` : cc));
      if (n) {
        p.setAttribute('class', 'hit');
        p.setAttribute('fill-opacity', (0.35 + 0.65 * (n / max)).toFixed(2));
        p.addEventListener('click', () => { location.hash = '#/search?' + query({ country: cc }); });
      }
      m.append(p);
    }
    const pmax = Math.max(1, ...o.places.map((p) => p.articles));
    for (const p of o.places.slice().reverse()) {
      const r = 1.2 + 5 * Math.sqrt(p.articles / pmax);
      m.append(svg('circle', { cx: ((p.lon + 180) * world.scale).toFixed(1), cy: ((world.north - p.lat) * world.scale).toFixed(1), r: r.toFixed(1) },
        svg('title', {}, `${p.name}${p.country ? ` (${p.country})` : ''}: ${p.articles}`)));
    }
    return el('section', {}, el('h2', {}, 'Places'), m);
  }

  function overviewView(p) {
    const since = p.get('since') || '24h';
    const periods = el('div', { class: 'periods bar' }, el('span', { class: 'note' }, 'Period:'),
      PERIODS.map((s) => link('#/overview?' + query({ since: s }), s === 'all' ? 'all' : `last ${s}`, s === since ? 'on' : null)));
    main.replaceChildren(periods, el('p', { class: 'note' }, 'Loading…'));
    worldData = worldData || fetch('/assets/world.json', { credentials: 'same-origin' }).then((r) => r.json());
    Promise.all([api('/api/overview?' + query({ since })), worldData]).then(([o, world]) => {
      const search = (k) => (v) => '#/search?' + query({ [k]: v, since: since === 'all' ? null : since });
      main.replaceChildren(periods, el('div', { id: 'overview' },
        el('div', { class: 'bar' }, el('span', { class: 'figure' }, o.articles), ' articles, ',
          el('span', {}, `${o.duplicates} duplicates`), o.first ? el('span', { class: 'note' }, ` · ${o.first} … ${o.last}`) : null),
        timeline(o), map(o, world),
        el('div', { class: 'grid' },
          top('Entities', o.entities.map((e) => [e.name, e.articles]), search('entity')),
          top('Tags', o.tags, search('tag')), top('Countries', o.countries, search('country')),
          top('Sources', o.sources), top('Languages', o.languages, search('lang')))));
    }).catch(fail);
  }

  // --- Routing ----------------------------------------------------------------------------
  function route() {
    const hash = location.hash.slice(1) || '/wire';
    const [path, q] = hash.split('?', 2);
    const params = new URLSearchParams(q || '');
    const view = path.split('/')[1] || 'wire';
    stopLive();
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('on', a.dataset.view === view);
    window.scrollTo(0, 0);
    if (view === 'search') searchView(params);
    else if (view === 'article') articleView(decodeURIComponent(path.slice('/article/'.length)));
    else if (view === 'overview') overviewView(params);
    else wireView();
  }

  api('/api/info').then((i) => {
    info = i;
    status.textContent = [i.live ? 'live' : null, i.store ? `store ${i.store}` : 'no store'].filter(Boolean).join(' · ');
    window.addEventListener('hashchange', route);
    route();
  }).catch(fail);
})();
