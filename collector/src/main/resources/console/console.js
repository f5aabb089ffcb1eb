/* Shared by every page of the EMP console: DOM helpers, the JSON API, the live feed, formatting, small SVG charts.
   Plain browser JavaScript, no build step and nothing loaded from elsewhere. */
'use strict';

const emp = (() => {
  /** Element with attributes and children; text is always set as text, never parsed as HTML. */
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === null || v === undefined || v === false) continue;
      if (k === 'class') e.className = v;
      else if (k === 'text') e.textContent = v;
      else if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else e.setAttribute(k, v === true ? '' : v);
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attrs, ...children) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) if (v !== null && v !== undefined) e.setAttribute(k, v);
    for (const c of children.flat()) if (c) e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    return e;
  }

  async function api(path, options) {
    const res = await fetch(path, Object.assign({credentials: 'same-origin', headers: {'Accept': 'application/json'}}, options || {}));
    let body = null;
    try { body = await res.json(); } catch (e) { /* not JSON */ }
    if (!res.ok) {
      const err = new Error((body && body.error) || ('HTTP ' + res.status));
      err.status = res.status;
      err.body = body;
      throw err;
    }
    return body;
  }

  function query() {
    return new URLSearchParams(location.search);
  }

  /* ---------- formatting ---------- */
  const pad = (n, w) => String(n).padStart(w || 2, '0');
  function time(ts) {
    if (ts === null || ts === undefined) return '';
    const d = new Date(ts);
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  }
  function dateTime(ts) {
    if (!ts) return '';
    const d = new Date(ts);
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + time(ts);
  }
  function duration(ms) {
    if (ms === null || ms === undefined || isNaN(ms)) return '';
    if (ms < 1) return ms.toFixed(2) + 'ms';
    if (ms < 1000) return (ms < 10 ? ms.toFixed(1) : Math.round(ms)) + 'ms';
    if (ms < 60000) return (ms / 1000).toFixed(2) + 's';
    if (ms < 3600000) return Math.floor(ms / 60000) + 'm' + pad(Math.floor(ms / 1000) % 60) + 's';
    return Math.floor(ms / 3600000) + 'h' + pad(Math.floor(ms / 60000) % 60) + 'm';
  }
  function ago(ts) {
    return ts ? duration(Date.now() - ts) + ' ago' : '';
  }
  function isError(e) {
    return !!e.errorType || e.stream === 'emp:errors' || /[._]failed$/.test(e.eventType || '');
  }
  function jobLink(id) {
    return el('a', {href: 'job.html?id=' + encodeURIComponent(id), class: 'mono', text: id});
  }
  /** A job's progress in percent from a status message, or null. */
  function progressOf(status) {
    if (!status || !status.message || typeof status.message !== 'object') return null;
    const p = Number(status.message.progress);
    return isNaN(p) ? null : Math.max(0, Math.min(100, p));
  }
  function progressBar(percent, label) {
    const fill = el('div', {class: 'fill'});
    fill.style.width = (percent === null ? 0 : percent) + '%';
    return el('div', {class: 'progress' + (percent === null ? ' unknown' : ''), role: 'progressbar',
      'aria-valuenow': percent === null ? null : String(percent), 'data-progress': percent === null ? '' : String(percent)},
      fill, el('span', {class: 'label', text: (percent === null ? '' : percent + '% ') + (label || '')}));
  }

  /* ---------- page frame: navigation and the Redis banner ---------- */
  const PAGES = [['live.html', 'Live'], ['jobs.html', 'Jobs'], ['errors.html', 'Errors'],
    ['machines.html', 'Machines'], ['throughput.html', 'Throughput']];
  function frame(title) {
    document.title = title + ' · EMP console';
    const here = location.pathname.split('/').pop();
    const nav = el('nav', {}, el('span', {class: 'brand', text: 'EMP console'}),
      PAGES.map(([href, name]) => el('a', {href, class: here === href ? 'active' : null, text: name})));
    const banner = el('div', {id: 'redis-banner', class: 'banner hidden', role: 'status'});
    document.body.prepend(nav, banner);
  }
  let redisUp = null;
  function showRedis(state) {
    const b = document.getElementById('redis-banner');
    if (!b) return;
    if (state.up) {
      b.className = redisUp === false ? 'banner ok' : 'banner hidden';
      b.textContent = 'Redis reconnected (' + state.redis + ')';
      if (redisUp === false) setTimeout(() => { if (redisUp) b.className = 'banner hidden'; }, 4000);
    } else {
      b.className = 'banner down';
      b.textContent = 'Redis unreachable since ' + time(state.since) + ': ' + (state.error || '') + ' — reconnecting…';
    }
    redisUp = !!state.up;
    document.body.dataset.redis = state.up ? 'up' : 'down';
  }
  function showConsoleLost(lost) {
    const b = document.getElementById('redis-banner');
    if (!b) return;
    if (lost) {
      b.className = 'banner down';
      b.textContent = 'Connection to the console lost — retrying…';
      redisUp = false;
    }
  }

  /**
   * The live feed (Server-Sent Events) with the given filters; handlers: event, status, dropped.
   * The browser reconnects by itself; the banner says when the console or Redis is away.
   */
  function live(params, handlers) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params || {})) if (v) qs.set(k, v);
    const source = new EventSource('/api/live' + (qs.toString() ? '?' + qs : ''));
    source.addEventListener('redis', m => showRedis(JSON.parse(m.data)));
    for (const kind of ['event', 'status', 'dropped']) {
      if (handlers[kind]) source.addEventListener(kind, m => handlers[kind](JSON.parse(m.data)));
    }
    source.addEventListener('open', () => { document.body.dataset.live = 'open'; });
    source.addEventListener('error', () => { document.body.dataset.live = 'retrying'; showConsoleLost(true); });
    return source;
  }

  /** Runs {@code fn} now and every {@code ms}; a failure shows in {@code errorBox} and is retried. */
  function poll(fn, ms, errorBox) {
    let timer = null;
    async function tick() {
      try {
        await fn();
        if (errorBox) errorBox.textContent = '';
      } catch (e) {
        if (errorBox) errorBox.textContent = 'Could not load: ' + e.message;
      }
      timer = setTimeout(tick, ms);
    }
    tick();
    return () => clearTimeout(timer);
  }

  /* ---------- small charts ---------- */
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#d97706', '#7c3aed', '#0891b2', '#db2777', '#65a30d', '#6b7280'];
  const NAMED = {created: '#2563eb', completed: '#16a34a', failed: '#dc2626'};

  /** Lines per series over minute buckets: {start, bucketMs, buckets, series: {name: [counts]}}. */
  function lineChart(data, opts) {
    const o = Object.assign({width: 560, height: 150, unit: '/min'}, opts || {});
    const names = Object.keys(data.series || {});
    const max = Math.max(1, ...names.flatMap(n => data.series[n]));
    const left = 34, bottom = 18, top = 8, w = o.width - left - 8, h = o.height - top - bottom;
    const x = i => left + (data.buckets <= 1 ? w / 2 : i * w / (data.buckets - 1));
    const y = v => top + h - v * h / max;
    const chart = svg('svg', {viewBox: `0 0 ${o.width} ${o.height}`, class: 'chart', role: 'img',
      'aria-label': o.label || 'chart'});
    chart.append(svg('line', {x1: left, y1: top + h, x2: left + w, y2: top + h, class: 'axis'}),
      svg('line', {x1: left, y1: top, x2: left, y2: top + h, class: 'axis'}),
      svg('text', {x: left - 4, y: top + 8, class: 'tick', 'text-anchor': 'end'}, String(max)),
      svg('text', {x: left - 4, y: top + h, class: 'tick', 'text-anchor': 'end'}, '0'),
      svg('text', {x: left, y: o.height - 4, class: 'tick'}, time(data.start).slice(0, 5)),
      svg('text', {x: left + w, y: o.height - 4, class: 'tick', 'text-anchor': 'end'},
        time(data.start + (data.buckets - 1) * data.bucketMs).slice(0, 5)));
    names.forEach((n, i) => {
      const color = NAMED[n] || COLORS[i % COLORS.length];
      const pts = data.series[n].map((v, j) => x(j) + ',' + y(v)).join(' ');
      chart.append(svg('polyline', {points: pts, fill: 'none', stroke: color, 'stroke-width': 2, class: 'series',
        'data-series': n}));
    });
    const legend = el('div', {class: 'legend'}, names.map((n, i) => {
      const total = data.series[n].reduce((a, b) => a + b, 0);
      const swatch = el('span', {class: 'swatch'});
      swatch.style.background = NAMED[n] || COLORS[i % COLORS.length];
      return el('span', {class: 'item'}, swatch, n + ' (' + total + ')');
    }));
    return el('figure', {class: 'chartbox'}, o.title ? el('figcaption', {text: o.title + ' ' + o.unit}) : null,
      names.length ? chart : el('p', {class: 'muted', text: 'nothing in this window'}), legend);
  }

  return {el, svg, api, query, time, dateTime, duration, ago, isError, jobLink, progressOf, progressBar, frame, live,
    poll, lineChart, showRedis};
})();
