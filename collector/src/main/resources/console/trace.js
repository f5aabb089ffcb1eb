/* Trace page: every event of one trace (a job's, or the HTTP request that created a job) as a waterfall. */
'use strict';
(() => {
  const {el, api} = emp;
  emp.frame('Trace');
  const id = emp.query().get('id') || '';
  const errorBox = el('p', {class: 'load-error'});
  const chart = el('section', {id: 'trace-waterfall'});
  const details = el('aside', {id: 'event-details', class: 'pane hidden'});
  document.getElementById('main').append(el('h1', {}, 'Trace ', el('span', {class: 'mono', text: id})), errorBox,
    el('div', {class: 'split'}, el('div', {class: 'grow'}, chart), details));
  (async () => {
    try {
      const r = await api('/api/events?limit=2000&last=7d&trace=' + encodeURIComponent(id));
      if (!r.events.length) { errorBox.textContent = 'No events of this trace in the streams.'; return; }
      const jobs = [...new Set(r.events.map(e => e.jobId).filter(Boolean))];
      chart.replaceChildren(el('p', {}, r.events.length + ' events', jobs.length ? ' · jobs ' : '',
        jobs.flatMap(j => [emp.jobLink(j), ' '])), waterfall.render(r.events, {details}));
    } catch (e) {
      errorBox.textContent = 'Could not load: ' + e.message;
    }
  })();
})();
