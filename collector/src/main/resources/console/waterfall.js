/* The waterfall: one row per event, grouped in service lanes; exit events (with durationMs) are bars, the others
   ticks; errors red, with message and stack on click; gaps above the threshold shaded across all rows. */
'use strict';
const waterfall = (() => {
  const {el, time, duration, isError} = emp;

  /**
   * events: the API's event objects (timestamp, service, eventType, data.durationMs, errorType…, requestTrace);
   * opts: {gaps: [{millis, beforeEntryId, afterEntryId}], jobSpan: {start, end, running}, details: element}.
   */
  function render(events, opts) {
    const o = opts || {};
    const spans = events.map(e => {
      const d = Number(e.data && e.data.durationMs);
      const end = e.timestamp;
      const start = isNaN(d) ? end : end - d;
      return {e, start, end, bar: !isNaN(d) && d > 0};
    });
    let min = Math.min(...spans.map(s => s.start)), max = Math.max(...spans.map(s => s.end));
    if (o.jobSpan) { min = Math.min(min, o.jobSpan.start); max = Math.max(max, o.jobSpan.end); }
    const total = Math.max(1, max - min);
    const pct = t => ((t - min) / total * 100);
    const place = (node, from, to, minWidth) => {
      node.style.left = pct(from) + '%';
      node.style.width = Math.max(pct(to) - pct(from), minWidth || 0) + '%';
    };

    const lanes = new Map();
    for (const s of spans) {
      const lane = s.e.requestTrace ? 'request · ' + s.e.service : s.e.service || '(no service)';
      if (!lanes.has(lane)) lanes.set(lane, []);
      lanes.get(lane).push(s);
    }
    const rows = el('div', {class: 'wf-rows'});
    if (o.jobSpan) {
      const bar = el('div', {class: 'wf-bar job' + (o.jobSpan.running ? ' running' : '') + (o.jobSpan.failed ? ' error' : ''),
        title: 'job ' + duration(o.jobSpan.end - o.jobSpan.start)});
      place(bar, o.jobSpan.start, o.jobSpan.end, 0.3);
      rows.append(el('div', {class: 'wf-row job-row'}, el('div', {class: 'wf-label'}, el('b', {text: 'job'}),
        ' ' + duration(o.jobSpan.end - o.jobSpan.start) + (o.jobSpan.running ? ' (running)' : '')),
        el('div', {class: 'wf-track'}, bar)));
    }
    for (const [lane, members] of lanes) {
      rows.append(el('div', {class: 'wf-lane', 'data-lane': lane, text: lane}));
      for (const s of members) {
        const err = isError(s.e);
        const mark = el('div', {class: 'wf-bar' + (s.bar ? '' : ' tick') + (err ? ' error' : ''),
          title: s.e.eventType + (s.bar ? ' ' + duration(s.end - s.start) : '')});
        place(mark, s.start, s.end, s.bar ? 0.4 : 0);
        const row = el('div', {class: 'wf-row' + (err ? ' error' : ''), 'data-entry': s.e.entryId,
          'data-type': s.e.eventType, tabindex: 0},
          el('div', {class: 'wf-label'}, el('span', {class: 'mono', text: s.e.eventType}),
            s.bar ? el('span', {class: 'muted', text: ' ' + duration(s.end - s.start)}) : null),
          el('div', {class: 'wf-track'}, mark));
        const open = () => showDetails(s.e, o.details, row);
        row.addEventListener('click', open);
        row.addEventListener('keydown', k => { if (k.key === 'Enter') open(); });
        rows.append(row);
      }
    }
    const overlay = el('div', {class: 'wf-overlay'});
    const byEntry = new Map(events.map(e => [e.entryId, e]));
    for (const g of o.gaps || []) {
      const before = byEntry.get(g.beforeEntryId), after = byEntry.get(g.afterEntryId);
      if (!before || !after) continue;
      const gap = el('div', {class: 'wf-gap', title: 'gap ' + duration(g.millis)}, el('span', {text: 'gap ' + duration(g.millis)}));
      place(gap, before.timestamp, after.timestamp, 0);
      overlay.append(gap);
    }
    const axis = el('div', {class: 'wf-axis'}, el('div', {class: 'wf-label muted', text: time(min)}),
      el('div', {class: 'wf-track'}, el('span', {class: 'muted', text: '+0'}),
        el('span', {class: 'muted right', text: '+' + duration(total)})));
    return el('div', {class: 'waterfall'}, axis, el('div', {class: 'wf-body'}, overlay, rows));
  }

  function showDetails(e, box, row) {
    if (!box) return;
    document.querySelectorAll('.wf-row.selected').forEach(r => r.classList.remove('selected'));
    row.classList.add('selected');
    const attrs = Object.entries(e.data || {});
    const dl = el('dl', {});
    for (const [k, v] of [['time', emp.dateTime(e.timestamp)], ['service', e.service], ['trace', e.traceId],
      ['span', e.spanId], ['parent span', e.parentSpanId], ['worker', e.workerId], ['machine', e.machineId],
      ['entry', e.stream + ' ' + e.entryId]]) {
      if (v) dl.append(el('dt', {text: k}), el('dd', {class: 'mono', text: v}));
    }
    for (const [k, v] of attrs) dl.append(el('dt', {text: k}), el('dd', {class: 'mono', text: String(v)}));
    box.replaceChildren(el('h3', {class: isError(e) ? 'error-text' : null, text: e.eventType}), dl);
    if (e.errorType) {
      box.append(el('p', {class: 'error-text', id: 'error-message'}, el('b', {text: e.errorType}), ': ' + (e.errorMessage || '')),
        e.errorStack ? el('pre', {class: 'stack', id: 'error-stack', text: e.errorStack}) : null);
    }
    box.classList.remove('hidden');
  }

  return {render};
})();
