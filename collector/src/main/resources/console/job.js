/* Job page: the job's timeline as a waterfall, its live progress while it runs, links to its traces, the retry action. */
'use strict';
(() => {
  const {el, api, time, duration, progressOf, progressBar} = emp;
  emp.frame('Job');
  const id = emp.query().get('id') || '';
  const main = document.getElementById('main');
  const errorBox = el('p', {class: 'load-error'});
  const header = el('section', {id: 'job-header'});
  const live = el('section', {id: 'job-live'});
  const chart = el('section', {id: 'job-waterfall'});
  const details = el('aside', {id: 'event-details', class: 'pane hidden'});
  main.append(el('h1', {}, 'Job ', el('span', {class: 'mono', text: id})), errorBox, header, live,
    el('div', {class: 'split'}, el('div', {class: 'grow'}, chart), details));

  let current = null, status = null;

  function link(href, text) {
    return href ? el('a', {href, target: '_blank', rel: 'noopener noreferrer', text}) : null;
  }
  function renderHeader(t) {
    const outcome = t.outcome;
    const gaps = t.gaps.length;
    const retry = t.actions && t.actions.retry
      ? el('button', {type: 'button', id: 'retry', text: 'Retry job', onclick: () => doRetry()}) : null;
    header.replaceChildren(
      el('dl', {class: 'facts'},
        el('dt', {text: 'outcome'}), el('dd', {}, el('span', {class: 'badge ' + outcome, id: 'outcome', text: outcome})),
        el('dt', {text: 'services'}), el('dd', {text: t.services.join(' → ')}),
        el('dt', {text: 'started'}), el('dd', {class: 'mono', text: emp.dateTime(t.start)}),
        el('dt', {text: 'duration'}), el('dd', {text: duration(t.durationMs) + ' (first to last event)'}),
        el('dt', {text: 'events'}), el('dd', {text: t.events.length + (gaps ? ', ' + gaps + ' gap(s) over ' + duration(t.gapThresholdMs) : '')}),
        el('dt', {text: 'trace'}), el('dd', {}, el('a', {class: 'mono', href: 'trace.html?id=' + t.traceId, text: t.traceId}),
          ' ', link(t.traceUrl, 'open in the OTLP backend ↗')),
        t.requestTraceId ? el('dt', {text: 'created by request'}) : null,
        t.requestTraceId ? el('dd', {}, el('a', {class: 'mono', id: 'request-trace', href: 'trace.html?id=' + t.requestTraceId,
          text: t.requestTraceId}), ' ', link(t.requestTraceUrl, 'open in the OTLP backend ↗')) : null),
      ...(retry ? [retry] : []), el('p', {id: 'action-result', class: 'muted'}));
  }
  function renderLive() {
    if (!current || current.outcome !== 'running') { live.replaceChildren(); return; }
    const s = status || current.status;
    const msg = s && s.message && typeof s.message === 'object' ? (s.message.message || '') : '';
    live.replaceChildren(el('h2', {text: 'Progress'}), progressBar(progressOf(s), msg),
      el('p', {class: 'muted', text: s ? 'last status ' + (s.receivedAt ? emp.ago(s.receivedAt) : 'from job:' + id + ':latest-status') : 'no status published yet'}));
  }
  function renderChart(t) {
    const end = t.outcome === 'running' ? Math.max(Date.now(), t.start + t.durationMs) : t.start + t.durationMs;
    const jobEvents = t.events.filter(e => !e.requestTrace);
    const created = jobEvents.find(e => e.eventType === 'job.created');
    chart.replaceChildren(el('h2', {text: 'Waterfall'}), waterfall.render(t.events, {
      gaps: t.gaps, details,
      jobSpan: {start: created ? created.timestamp : t.start, end, running: t.outcome === 'running', failed: t.outcome === 'failed'}
    }));
  }
  async function load() {
    try {
      current = await api('/api/jobs/' + encodeURIComponent(id));
      errorBox.textContent = '';
      renderHeader(current);
      renderLive();
      renderChart(current);
    } catch (e) {
      errorBox.textContent = e.status === 404 ? 'No events for this job (yet).' : 'Could not load: ' + e.message;
    }
  }
  async function doRetry() {
    const out = document.getElementById('action-result');
    try {
      const r = await api('/api/jobs/' + encodeURIComponent(id) + '/retry', {method: 'POST', headers: {'X-EMP-Console': '1', 'Accept': 'application/json'}});
      out.textContent = 'Retried: ' + (r.result || 'ok') + ' (recorded as event ' + r.eventEntryId + ')';
    } catch (e) {
      out.textContent = 'Retry failed: ' + e.message;
    }
    setTimeout(load, 500);
  }
  let reloadSoon = null;
  emp.live({job: id}, {
    status: s => { status = s; renderLive(); },
    event: () => { if (!reloadSoon) reloadSoon = setTimeout(() => { reloadSoon = null; load(); }, 300); }
  });
  load();
  setInterval(() => { if (current && current.outcome === 'running') load(); }, 5000);
})();
