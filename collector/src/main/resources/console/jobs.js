/* Jobs: running jobs with a progress bar and their latest status; recently finished jobs with duration and outcome. */
'use strict';
(() => {
  const {el, api, time, duration, jobLink, progressOf, progressBar} = emp;
  emp.frame('Jobs');
  const errorBox = el('p', {class: 'load-error'});
  const running = el('tbody', {id: 'running'});
  const finished = el('tbody', {id: 'finished'});
  const head = cols => el('thead', {}, el('tr', {}, cols.map(c => el('th', {text: c}))));
  document.getElementById('main').append(el('h1', {text: 'Jobs'}), errorBox,
    el('h2', {text: 'Running'}),
    el('table', {class: 'jobs'}, head(['job', 'type', 'worker', 'started', 'elapsed', 'progress', 'last event']), running),
    el('h2', {text: 'Recently finished'}),
    el('table', {class: 'jobs'}, head(['job', 'type', 'outcome', 'duration', 'ended', 'worker', 'error']), finished));

  const statusByJob = new Map();
  let last = null;

  function runningRow(j) {
    const s = statusByJob.get(j.jobId) || j.status;
    const msg = s && s.message && typeof s.message === 'object' ? (s.message.message || s.message.status || '') : '';
    const start = j.created || j.firstSeen;
    return el('tr', {'data-job': j.jobId},
      el('td', {}, jobLink(j.jobId)), el('td', {text: j.jobType || ''}), el('td', {text: j.worker || 'waiting'}),
      el('td', {class: 'mono', text: time(start)}), el('td', {class: 'num', text: duration(Date.now() - start)}),
      el('td', {class: 'progress-cell'}, progressBar(progressOf(s), msg)),
      el('td', {class: 'mono small', text: j.lastEventType || ''}));
  }
  function finishedRow(j) {
    return el('tr', {'data-job': j.jobId, class: j.outcome === 'failed' ? 'error' : null},
      el('td', {}, jobLink(j.jobId)), el('td', {text: j.jobType || ''}),
      el('td', {}, el('span', {class: 'badge ' + j.outcome, text: j.outcome})),
      el('td', {class: 'num', text: duration(j.durationMs)}), el('td', {class: 'mono', text: time(j.endedAt)}),
      el('td', {text: j.worker || ''}), el('td', {class: 'details', text: j.error || ''}));
  }
  function render() {
    if (!last) return;
    running.replaceChildren(...(last.running.length ? last.running.map(runningRow)
      : [el('tr', {}, el('td', {colspan: 7, class: 'muted', text: 'no job running'}))]));
    finished.replaceChildren(...(last.finished.length ? last.finished.map(finishedRow)
      : [el('tr', {}, el('td', {colspan: 7, class: 'muted', text: 'no finished job in the window'}))]));
  }
  let refreshSoon = null;
  function refreshLater() {
    if (refreshSoon) return;
    refreshSoon = setTimeout(async () => {
      refreshSoon = null;
      try { last = await api('/api/jobs'); render(); } catch (e) { errorBox.textContent = 'Could not load: ' + e.message; }
    }, 300);
  }
  emp.poll(async () => { last = await api('/api/jobs'); render(); }, 3000, errorBox);
  emp.live({type: 'job.'}, {
    status: s => {
      if (!s.channel.startsWith('job:')) return;
      statusByJob.set(s.id, s);
      const row = running.querySelector('tr[data-job="' + CSS.escape(s.id) + '"]');
      if (row && last) {
        const j = last.running.find(x => x.jobId === s.id);
        if (j) row.replaceWith(runningRow(j));
      } else {
        refreshLater();
      }
    },
    event: () => refreshLater()
  });
})();
