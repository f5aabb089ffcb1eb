/* Live: events as they arrive (from now), filterable; Pub/Sub status messages in their own pane; pause/resume. */
'use strict';
(() => {
  const {el, api, time, duration, isError, jobLink} = emp;
  const MAX_ROWS = 500;
  emp.frame('Live');
  const q = emp.query();
  const service = el('input', {name: 'service', placeholder: 'service (exact or glob)', value: q.get('service') || ''});
  const type = el('input', {name: 'type', placeholder: 'event type (substring or glob)', value: q.get('type') || ''});
  const job = el('input', {name: 'job', placeholder: 'job id', value: q.get('job') || ''});
  const pause = el('button', {type: 'button', id: 'pause', text: 'Pause'});
  const counter = el('span', {id: 'counter', class: 'muted'});
  const form = el('form', {class: 'filters', id: 'filters'}, service, type, job,
    el('button', {type: 'submit', text: 'Apply'}), pause, counter);
  const rows = el('tbody', {id: 'events'});
  const table = el('table', {class: 'events'}, el('thead', {}, el('tr', {},
    ['time', 'service', 'event', 'job', 'duration', 'details'].map(h => el('th', {text: h})))), rows);
  const pubsubState = el('div', {id: 'pubsub-state', class: 'muted'});
  const statusList = el('ul', {id: 'status-messages', class: 'status-list'});
  document.getElementById('main').append(
    el('h1', {text: 'Live events'}), form,
    el('div', {class: 'split'},
      el('section', {class: 'grow'}, el('p', {class: 'muted', text: 'New events on the streams, from the moment this page opened. Newest first.'}), table),
      el('aside', {class: 'pane', id: 'status-pane'}, el('h2', {text: 'Pub/Sub status'}), pubsubState, statusList)));

  let paused = false, held = [], shown = 0, source = null;

  function details(e) {
    if (e.errorType) return e.errorType + ': ' + (e.errorMessage || '');
    return Object.entries(e.data || {}).filter(([k]) => k !== 'durationMs')
      .map(([k, v]) => k + '=' + v).join(' ').slice(0, 160);
  }
  function row(e) {
    return el('tr', {class: isError(e) ? 'error' : null, 'data-type': e.eventType, 'data-entry': e.entryId},
      el('td', {class: 'mono', text: time(e.timestamp)}), el('td', {text: e.service}),
      el('td', {class: 'mono', text: e.eventType}), el('td', {}, e.jobId ? jobLink(e.jobId) : ''),
      el('td', {class: 'num', text: duration(e.data && e.data.durationMs)}), el('td', {class: 'details', text: details(e)}));
  }
  function show(e) {
    rows.prepend(row(e));
    while (rows.children.length > MAX_ROWS) rows.lastChild.remove();
    shown++;
    counter.textContent = shown + ' shown' + (held.length ? ', ' + held.length + ' held while paused' : '');
  }
  function onEvent(e) {
    if (paused) {
      held.push(e);
      counter.textContent = shown + ' shown, ' + held.length + ' held while paused';
    } else {
      show(e);
    }
  }
  function onStatus(s) {
    const msg = typeof s.message === 'object' ? JSON.stringify(s.message) : String(s.message);
    statusList.prepend(el('li', {}, el('span', {class: 'mono muted', text: time(s.receivedAt) + ' '}),
      el('span', {class: 'mono channel', text: s.channel}), el('div', {class: 'mono small', text: msg.slice(0, 300)})));
    while (statusList.children.length > 200) statusList.lastChild.remove();
  }
  function connect() {
    if (source) source.close();
    source = emp.live({service: service.value.trim(), type: type.value.trim(), job: job.value.trim()},
      {event: onEvent, status: onStatus,
        dropped: d => onStatus({receivedAt: Date.now(), channel: '(console)', message: d.dropped + ' messages dropped: this page read too slowly'})});
  }
  form.addEventListener('submit', ev => {
    ev.preventDefault();
    const params = new URLSearchParams();
    for (const i of [service, type, job]) if (i.value.trim()) params.set(i.name, i.value.trim());
    history.replaceState(null, '', '?' + params);
    rows.replaceChildren();
    shown = 0;
    connect();
  });
  pause.addEventListener('click', () => {
    paused = !paused;
    pause.textContent = paused ? 'Resume' : 'Pause';
    document.body.dataset.paused = String(paused);
    if (!paused) {
      const backlog = held;
      held = [];
      backlog.forEach(show);
    }
  });
  emp.poll(async () => {
    const s = await api('/api/status');
    const p = s.pubsub;
    pubsubState.textContent = (p.subscribed ? 'subscribed to ' : 'not subscribed to ') + p.patterns.join(', ')
      + ' · ' + p.received + ' messages' + (p.lastMessageAt ? ', last ' + emp.ago(p.lastMessageAt) : '');
    emp.showRedis(s.redis);
  }, 5000, null);
  connect();
})();
