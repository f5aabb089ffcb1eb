/* Machines and workers: per machine its hardware (machine.hardware_detected) and last GPU statistics (machine:*:gpu), workers with their last lifecycle event. */
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
    el('table', {}, head(['machine', 'hardware', 'GPU (last message on machine:{id}:gpu)', 'received', 'last event']), machines),
    el('h2', {text: 'Workers'}),
    el('table', {}, head(['worker', 'machine', 'service', 'last lifecycle event', 'last event', 'seen']), workers));
  const gpuLive = new Map();

  const GiB = 1024 * 1024 * 1024;
  const gib = b => (b / GiB).toFixed(b < 10 * GiB ? 1 : 0) + ' GiB';
  // The agent's GPU payload names each GPU's values gpu.<n>.<semantic-convention name> (docs/event-schema.md).
  function gpuLines(m) {
    const lines = [];
    for (let n = 0; n < (m['hw.gpu.count'] || 0); n++) {
      const v = k => m['gpu.' + n + '.' + k];
      const parts = [v('hw.model') || 'GPU ' + n];
      if (v('hw.gpu.utilization') !== undefined) parts.push(Math.round(v('hw.gpu.utilization') * 100) + ' %');
      if (v('hw.gpu.memory.usage') !== undefined && v('hw.gpu.memory.limit')) parts.push(gib(v('hw.gpu.memory.usage')) + ' / ' + gib(v('hw.gpu.memory.limit')));
      if (v('hw.temperature') !== undefined) parts.push(v('hw.temperature') + ' °C');
      if (v('hw.power') !== undefined) parts.push(v('hw.power') + ' W');
      lines.push(el('span', {class: 'pill', text: parts.join(' · ')}));
    }
    return lines;
  }
  function gpuCell(s) {
    if (!s) return el('span', {class: 'muted', text: 'no GPU message since the console started'});
    const m = s.message;
    if (typeof m !== 'object') return el('span', {class: 'mono', text: String(m)});
    if (m['hw.gpu.count'] !== undefined) return el('span', {class: 'kv'}, gpuLines(m));
    return el('span', {class: 'kv'}, Object.entries(m).filter(([k]) => k !== 'timestamp' && k !== 'service')
      .map(([k, v]) => el('span', {class: 'pill', text: k + ' ' + v})));
  }
  function hardwareCell(h) {
    if (!h) return el('span', {class: 'muted', text: 'no machine.hardware_detected in the window'});
    const pills = [];
    const cpu = [h['system.cpu.logical_count'] && h['system.cpu.logical_count'] + ' CPUs', h['host.cpu.model.name']].filter(Boolean).join(' ');
    if (cpu) pills.push(cpu);
    if (h['system.memory.total_bytes']) pills.push(gib(h['system.memory.total_bytes']) + ' memory');
    if (h['system.filesystem.total_bytes']) pills.push(gib(h['system.filesystem.free_bytes'] || 0) + ' free of ' + gib(h['system.filesystem.total_bytes']) + ' disk');
    for (let n = 0; n < (h['hw.gpu.count'] || 0); n++) {
      const limit = h['gpu.' + n + '.hw.gpu.memory.limit'];
      pills.push((h['gpu.' + n + '.hw.model'] || 'GPU ' + n) + (limit ? ' ' + gib(limit) : ''));
    }
    if (h['hw.driver_version']) pills.push('driver ' + h['hw.driver_version']);
    if (h['os.description']) pills.push(h['os.description']);
    return el('span', {class: 'kv'}, pills.map(t => el('span', {class: 'pill', text: t})));
  }
  function brief(e) {
    return e ? e.eventType + ' at ' + time(e.timestamp) : '';
  }
  let last = null;
  function render() {
    if (!last) return;
    machines.replaceChildren(...(last.machines.length ? last.machines.map(m => {
      const gpu = gpuLive.get(m.machineId) || m.gpu;
      return el('tr', {'data-machine': m.machineId}, el('td', {class: 'mono', text: m.machineId}), el('td', {}, hardwareCell(m.hardware)), el('td', {}, gpuCell(gpu)),
        el('td', {text: gpu ? ago(gpu.receivedAt) : ''}), el('td', {class: 'mono small', text: brief(m.lastEvent)}));
    }) : [el('tr', {}, el('td', {colspan: 5, class: 'muted', text: 'no machine seen in the window'}))]));
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
