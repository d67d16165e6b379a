// The analysts' page scripts, served by the app itself (/assets/netra.js) so that its Content-Security-Policy can
// forbid inline scripts. Each part runs only on the page that has its elements.
(function () {
  'use strict';
  const csrf = () => {
    const meta = document.querySelector('meta[name=csrf-token]');
    return meta ? meta.content : null;
  };

  // The case list redraws itself when /api/live says an alert or a case changed.
  const cases = document.getElementById('cases');
  if (cases) {
    const fragment = location.search ? location.search + '&fragment=1' : '?fragment=1';
    const live = new EventSource('/api/live');
    const redraw = () => fetch('/kasus' + fragment).then(r => r.text()).then(t => { cases.innerHTML = t; });
    live.addEventListener('case', redraw);
    live.addEventListener('alert', redraw);
  }

  // The alert feed says how many new alerts came since it was drawn and offers to reload; it never reloads by itself.
  const news = document.getElementById('feed-news');
  if (news) {
    const live = new EventSource('/api/live');
    let count = 0;
    live.addEventListener('alert', () => {
      count += 1;
      const reload = document.createElement('a');
      reload.href = location.pathname + location.search;
      reload.textContent = 'muat ulang';
      news.replaceChildren(count + ' peringatan baru sejak halaman ini dibuka · ', reload);
    });
  }

  // A case page's triage buttons post the action with the session's CSRF token.
  const act = document.getElementById('act');
  if (act) {
    act.querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
      const headers = {'Content-Type': 'application/json'};
      const token = csrf();
      if (token) {
        headers['X-CSRF-Token'] = token;
      }
      fetch(location.pathname.replace('/kasus/', '/api/cases/') + '/actions', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify({action: b.dataset.action, assignee: act.assignee.value || null, reason: act.reason.value || null})
      }).then(r => r.ok ? location.reload()
        : r.json().then(j => { document.getElementById('result').textContent = j.error || ('HTTP ' + r.status); }));
    }));
  }
})();
