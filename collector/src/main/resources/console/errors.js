/* Errors: grouped by error type and service as `emp-collector errors` groups them, with errors per minute. */
'use strict';
(() => {
  const {el, api, time, jobLink} = emp;
  emp.frame('Errors');
  const q = emp.query();
  const windowSel = el('select', {id: 'window'}, ['15m', '1h', '6h', '24h', '7d'].map(w =>
    el('option', {value: w, selected: (q.get('last') || '1h') === w, text: 'last ' + w})));
  const errorBox = el('p', {class: 'load-error'});
  const summary = el('p', {id: 'summary'});
  const chart = el('div', {id: 'error-rate'});
  const groups = el('tbody', {id: 'groups'});
  const messages = el('tbody', {id: 'messages'});
  const head = cols => el('thead', {}, el('tr', {}, cols.map(c => el('th', {text: c}))));
  document.getElementById('main').append(el('h1', {text: 'Errors'}), el('div', {class: 'filters'}, windowSel), errorBox,
    summary, chart, el('h2', {text: 'By error type and service'}),
    el('table', {}, head(['count', 'service', 'first seen', 'last seen', 'error type', 'last job']), groups),
    el('h2', {text: 'Top messages'}), el('table', {}, head(['count', 'error type', 'message']), messages));

  async function load() {
    const r = await api('/api/errors?last=' + windowSel.value);
    summary.textContent = r.total + ' error(s) in the last ' + windowSel.value
      + (r.total ? ', first ' + emp.dateTime(r.first) + ', last ' + emp.dateTime(r.last) : '');
    chart.replaceChildren(emp.lineChart(r.perMinute, {title: 'Errors by type', label: 'errors per minute'}));
    groups.replaceChildren(...r.groups.map(g => el('tr', {class: 'error'},
      el('td', {class: 'num', text: g.count}), el('td', {text: g.service}), el('td', {class: 'mono', text: time(g.firstSeen)}),
      el('td', {class: 'mono', text: time(g.lastSeen)}), el('td', {class: 'mono', text: g.errorType}),
      el('td', {}, g.lastJobId ? jobLink(g.lastJobId) : ''))));
    messages.replaceChildren(...r.topMessages.map(m => el('tr', {},
      el('td', {class: 'num', text: m.count}), el('td', {class: 'mono', text: m.errorType}), el('td', {class: 'details', text: m.message}))));
  }
  windowSel.addEventListener('change', () => { history.replaceState(null, '', '?last=' + windowSel.value); load(); });
  emp.poll(load, 10000, errorBox);
  emp.live({kinds: 'redis'}, {});
})();
