/* Machines and workers: the last GPU statistics per machine (machine:*:gpu), workers with their last lifecycle event. */
'use strict';
(() => {
  const {el, api, time, ago} = emp;
  emp.frame('Machines');
  const errorBox = el('p', {class: 'load-error'});
  const machines = el('tbody', {id: 'machines'});
  const workers = el('tbody', {id: 'workers'});
  const head = cols => el('thead', {}, el('tr', {}, cols.map(c => el('th', {text: c}))));
  document.getElementById('main').append(el('h1', {text: 'Machines and workers'}), errorBox,
    el('h2', {text: 'Machines'}),
    el('table', {}, head(['machine', 'GPU (last message on machine:{id}:gpu)', 'received', 'last event']), machines),
    el('h2', {text: 'Workers'}),
    el('table', {}, head(['worker', 'machine', 'service', 'last lifecycle event', 'last event', 'seen']), workers));
  const gpuLive = new Map();

  function gpuCell(s) {
    if (!s) return el('span', {class: 'muted', text: 'no GPU message since the console started'});
    const m = s.message;
    if (typeof m !== 'object') return el('span', {class: 'mono', text: String(m)});
    return el('span', {class: 'kv'}, Object.entries(m).filter(([k]) => k !== 'timestamp' && k !== 'service')
      .map(([k, v]) => el('span', {class: 'pill', text: k + ' ' + v})));
  }
  function brief(e) {
    return e ? e.eventType + ' at ' + time(e.timestamp) : '';
  }
  let last = null;
  function render() {
    if (!last) return;
    machines.replaceChildren(...(last.machines.length ? last.machines.map(m => {
      const gpu = gpuLive.get(m.machineId) || m.gpu;
      return el('tr', {'data-machine': m.machineId}, el('td', {class: 'mono', text: m.machineId}), el('td', {}, gpuCell(gpu)),
        el('td', {text: gpu ? ago(gpu.receivedAt) : ''}), el('td', {class: 'mono small', text: brief(m.lastEvent)}));
    }) : [el('tr', {}, el('td', {colspan: 4, class: 'muted', text: 'no machine seen in the window'}))]));
    workers.replaceChildren(...(last.workers.length ? last.workers.map(w => el('tr', {'data-worker': w.workerId},
      el('td', {class: 'mono', text: w.workerId}), el('td', {class: 'mono', text: w.machineId || ''}), el('td', {text: w.service}),
      el('td', {class: 'mono small', text: brief(w.lastLifecycleEvent)}), el('td', {class: 'mono small', text: brief(w.lastEvent)}),
      el('td', {text: ago(w.lastEvent.timestamp)})))
      : [el('tr', {}, el('td', {colspan: 6, class: 'muted', text: 'no worker seen in the window'}))]));
  }
  emp.poll(async () => { last = await api('/api/machines'); render(); }, 5000, errorBox);
  emp.live({type: 'worker.'}, {
    status: s => {
      if (!s.channel.startsWith('machine:')) return;
      gpuLive.set(s.id, s);
      if (last && !last.machines.some(m => m.machineId === s.id)) last.machines.push({machineId: s.id});
      render();
    }
  });
})();
