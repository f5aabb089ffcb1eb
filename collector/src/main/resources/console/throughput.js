/* Throughput: events per minute by service and by type; jobs created / completed / failed per minute. */
'use strict';
(() => {
  const {el, api} = emp;
  emp.frame('Throughput');
  const q = emp.query();
  const windowSel = el('select', {id: 'window'}, ['15m', '30m', '1h', '6h', '24h'].map(w =>
    el('option', {value: w, selected: (q.get('last') || '30m') === w, text: 'last ' + w})));
  const errorBox = el('p', {class: 'load-error'});
  const charts = el('div', {class: 'charts', id: 'charts'});
  document.getElementById('main').append(el('h1', {text: 'Throughput'}), el('div', {class: 'filters'}, windowSel),
    errorBox, charts);
  async function load() {
    const r = await api('/api/throughput?last=' + windowSel.value);
    charts.replaceChildren(
      emp.lineChart(r.jobs, {title: 'Jobs created / completed / failed', label: 'jobs per minute'}),
      emp.lineChart(r.byService, {title: 'Events by service', label: 'events per minute by service'}),
      emp.lineChart(r.byType, {title: 'Events by type', label: 'events per minute by type'}));
  }
  windowSel.addEventListener('change', () => { history.replaceState(null, '', '?last=' + windowSel.value); load(); });
  emp.poll(load, 10000, errorBox);
  emp.live({kinds: 'redis'}, {});
})();
