// The analysts' page scripts, served by the app itself (/assets/netra.js) so that its Content-Security-Policy can
// forbid inline scripts. Each part runs only on the page that has its elements.
(function () {
  'use strict';
  const csrf = () => {
    const meta = document.querySelector('meta[name=csrf-token]');
    return meta ? meta.content : null;
  };

  // The case list swaps in the rows of the cases /api/live says changed (one request per case, at most every
  // 1.5 s per burst), and says how many new cases or alerts came, without redrawing the list or losing the page.
  const cases = document.getElementById('cases');
  if (cases) {
    const live = new EventSource('/api/live');
    const changed = new Set();
    let fresh = 0;
    let timer = null;
    const say = () => {
      const news = document.getElementById('live-news');
      if (!news || fresh === 0) {
        return;
      }
      const reload = document.createElement('a');
      reload.href = location.pathname + location.search;
      reload.textContent = 'muat ulang';
      news.replaceChildren(fresh + ' kasus baru atau di luar halaman ini berubah · ', reload);
    };
    // A new case goes on top of the first page when the list is in newest order; elsewhere the page only says so.
    const params = new URLSearchParams(location.search);
    const onTop = !params.get('after') && ['', 'newest', 'opened'].includes(params.get('sort') || '');
    const body = cases.querySelector('tbody');
    const rowOf = html => {
      const t = document.createElement('tbody');
      t.innerHTML = html;
      return t.firstElementChild;
    };
    const flush = () => {
      timer = null;
      const ids = Array.from(changed);
      changed.clear();
      ids.forEach(id => {
        const row = document.getElementById('kasus-' + id);
        if (!row && !onTop) {
          fresh += 1;
          say();
          return;
        }
        // The row as the list's filters see it: 404 when the case no longer matches them (or is out of reach).
        fetch('/kasus/baris/' + encodeURIComponent(id) + location.search).then(r => r.ok ? r.text() : null).then(html => {
          const updated = html === null ? null : rowOf(html);
          if (row && updated) {
            row.replaceWith(updated);
          } else if (row) {
            row.remove();
          } else if (updated && body) {
            body.prepend(updated);
          }
        });
      });
    };
    live.addEventListener('case', ev => {
      const data = JSON.parse(ev.data);
      changed.add(data.id);
      if (timer === null) {
        timer = setTimeout(flush, 1500);
      }
    });
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
    const result = document.getElementById('result');
    act.querySelectorAll('button').forEach(b => b.addEventListener('click', () => {
      // What the action needs (the page says, from the case events' rules) is asked for before anything is sent.
      if (b.dataset.needs === 'assignee' && !act.assignee.value.trim()) {
        result.textContent = 'Isi «ditugaskan ke» dengan nama petugas untuk tindakan «' + b.textContent + '».';
        act.assignee.focus();
        return;
      }
      if (b.dataset.needs === 'reason' && !act.reason.value.trim()) {
        result.textContent = 'Isi «alasan / komentar» untuk tindakan «' + b.textContent + '».';
        act.reason.focus();
        return;
      }
      const headers = {'Content-Type': 'application/json'};
      const token = csrf();
      if (token) {
        headers['X-CSRF-Token'] = token;
      }
      fetch(location.pathname.replace('/kasus/', '/api/cases/') + '/actions', {
        method: 'POST',
        headers: headers,
        body: JSON.stringify({action: b.dataset.action, assignee: act.assignee.value || null, reason: act.reason.value || null})
      }).then(r => {
        if (r.ok) {
          location.reload();
          return;
        }
        // the handlers answer {"error": ...}; a refusal by the route's access rule is Javalin's {"title": ...}
        const said = r.status === 409 ? 'Tindakan ini tidak sesuai dengan status kasus sekarang (muat ulang halaman untuk melihatnya)'
          : r.status === 403 ? 'Peran Anda tidak boleh mengubah kasus' : 'Tindakan ditolak';
        r.json().then(j => { result.textContent = said + ': ' + (j.error || j.title || ('HTTP ' + r.status)); },
          () => { result.textContent = said + ' (HTTP ' + r.status + ').'; });
      }, () => { result.textContent = 'Server tidak dapat dihubungi; tindakan belum tercatat.'; });
    }));
  }
})();
