// The supervisors' reports page (DESIGN §13): sign in without a window, pick a day (or a span), and
// the figures of GET /api/v1/reports/day|range drawn with Chart.js (vendor/, no network), the
// tickets' CSV downloaded with the same token.
'use strict';

const $ = (id) => document.getElementById(id);
const errorTexts = {
  bad_credentials: '工号或密码错误 Wrong staff ID or PIN',
  locked: '密码错误次数过多，已锁定 Too many wrong PINs: locked',
  forbidden: '只有主管可以查看报表 Only a supervisor may read reports',
  unauthorized: '请重新登录 Please sign in again',
  store_unavailable: '数据库暂不可用 The database is unavailable',
};
const kinds = { general: '一般 10分钟', complex: '复杂 30分钟', special: '特殊 60分钟' };
const levels = { 1: '非常不满意', 2: '不满意', 3: '基本满意', 4: '满意', 5: '非常满意' };

let session = JSON.parse(sessionStorage.getItem('hallkiosk.reports') || 'null');
const charts = {};
let csvUrl = null;

Chart.defaults.font.size = 18;
Chart.defaults.font.family = '"Noto Sans CJK SC", "Noto Sans SC", sans-serif';
Chart.defaults.animation = false; // figures, not a show; and a screenshot gets the final picture

function say(text, kind = 'info', target = 'message') {
  const el = $(target);
  el.textContent = text;
  el.className = `message ${kind}`;
}

async function api(path, asText = false) {
  const headers = session ? { Authorization: `Bearer ${session.token}` } : {};
  const response = await fetch(path, { headers });
  if (response.status === 401 && session) {
    signedOut(errorTexts.unauthorized);
    throw new Error('signed out');
  }
  if (!response.ok) {
    const body = await response.json().catch(() => null);
    throw new Error((body && (errorTexts[body.error] || body.message)) || `HTTP ${response.status}`);
  }
  return asText ? response.blob() : response.json();
}

function signedOut(message) {
  session = null;
  sessionStorage.removeItem('hallkiosk.reports');
  $('reports').classList.add('hidden');
  $('signin').classList.remove('hidden');
  if (message) say(message, 'bad', 'signin-message');
}

function signedIn() {
  $('signin').classList.add('hidden');
  $('reports').classList.remove('hidden');
  $('staff-name').textContent = session.staff_id;
  if (!$('from').value) {
    const today = new Date(Date.now() - new Date().getTimezoneOffset() * 60000).toISOString().slice(0, 10);
    $('from').value = today;
  }
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const response = await fetch('/api/v1/session', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ staff_id: $('signin-staff').value.trim(), pin: $('signin-pin').value }),
    });
    const body = await response.json();
    // A clerk signs in only to a window (400 window_required): this page is not for clerks.
    if (!response.ok) throw new Error(errorTexts[body.error === 'window_required' ? 'forbidden' : body.error] || body.message);
    if (body.role !== 'supervisor') {
      fetch('/api/v1/session', { method: 'DELETE', headers: { Authorization: `Bearer ${body.token}` } });
      throw new Error(errorTexts.forbidden);
    }
    session = { token: body.token, staff_id: $('signin-staff').value.trim() };
    sessionStorage.setItem('hallkiosk.reports', JSON.stringify(session));
    $('signin-pin').value = '';
    say('', 'info', 'signin-message');
    signedIn();
  } catch (err) {
    say(err.message, 'bad', 'signin-message');
  }
});

$('signout').addEventListener('click', async () => {
  try { await fetch('/api/v1/session', { method: 'DELETE', headers: { Authorization: `Bearer ${session.token}` } }); } catch (_) { /* gone anyway */ }
  signedOut();
});

const minutes = (s) => (s === null || s === undefined ? null : Math.round(s / 6) / 10);
const percent = (share) => (share === null || share === undefined ? '—' : `${Math.round(share * 1000) / 10}%`);

function draw(id, config) {
  if (charts[id]) charts[id].destroy();
  config.options = Object.assign({ responsive: true, maintainAspectRatio: false }, config.options || {});
  charts[id] = new Chart($(id), config);
  $(id).dataset.points = String(config.data.datasets.reduce((n, d) => n + d.data.filter((v) => v !== null).length, 0));
}

function render(report) {
  const issued = report.walkin.issued + report.booked.issued;
  $('f-issued').textContent = issued;
  $('f-served').textContent = report.handling.served;
  $('f-within').textContent = percent(report.booked.within_target_share);
  $('f-handling').textContent = report.handling.avg_s === null ? '—' : `${minutes(report.handling.avg_s)} 分`;
  $('f-satisfied').textContent = percent(report.ratings.satisfied_share);
  $('f-complaints').textContent = report.complaints.opened === null ? '—' : report.complaints.opened;

  draw('chart-hours', {
    type: 'bar',
    data: {
      labels: report.hours.map((h) => `${h.hour}时`),
      datasets: [
        { label: '取号 Issued', data: report.hours.map((h) => h.issued), backgroundColor: '#4a90d9' },
        { label: '叫号 Called', data: report.hours.map((h) => h.called), backgroundColor: '#7cb342' },
        { label: '最多等候 Most waiting', data: report.hours.map((h) => h.max_waiting), type: 'line', borderColor: '#e65100', backgroundColor: '#e65100' },
      ],
    },
  });
  draw('chart-kinds', {
    type: 'bar',
    data: {
      labels: ['平均等候 Avg', '90%等候 P90'],
      datasets: [
        { label: `现场 Walk-in（${report.walkin.issued}）`, data: [minutes(report.walkin.wait_avg_s), minutes(report.walkin.wait_p90_s)], backgroundColor: '#4a90d9' },
        { label: `预约 Booked（${report.booked.issued}）`, data: [minutes(report.booked.wait_avg_s), minutes(report.booked.wait_p90_s)], backgroundColor: '#f9a825' },
      ],
    },
    options: { scales: { y: { title: { display: true, text: '分钟 min' } } } },
  });
  const complexities = ['general', 'complex', 'special'];
  draw('chart-target', {
    type: 'bar',
    data: {
      labels: complexities.map((c) => `${kinds[c]}（${report.booked.by_complexity[c].count}）`),
      datasets: [{ label: '按时率 Within target %', data: complexities.map((c) => {
        const s = report.booked.by_complexity[c].within_target_share;
        return s === null ? null : Math.round(s * 1000) / 10;
      }), backgroundColor: '#7cb342' }],
    },
    options: { scales: { y: { min: 0, max: 100 } } },
  });
  draw('chart-windows', {
    type: 'bar',
    data: {
      labels: report.windows.map((w) => `${w.number}号`),
      datasets: [
        { label: '平均办理 Avg handling (min)', data: report.windows.map((w) => minutes(w.avg_handling_s)), backgroundColor: '#4a90d9' },
        { label: '目标 20 min', data: report.windows.map(() => 20), type: 'line', borderColor: '#c62828', borderDash: [8, 6], pointRadius: 0 },
      ],
    },
  });
  draw('chart-ratings', {
    type: 'bar',
    data: {
      labels: [5, 4, 3, 2, 1].map((l) => levels[l]),
      datasets: [{ label: '评价数 Ratings', data: [5, 4, 3, 2, 1].map((l) => report.ratings.by_level[String(l)]),
        backgroundColor: ['#2e7d32', '#7cb342', '#fbc02d', '#ef6c00', '#c62828'] }],
    },
    options: { plugins: { legend: { display: false } } },
  });
}

async function show() {
  const from = $('from').value;
  const to = $('to').value;
  const query = to && to !== from ? `range?from=${from}&to=${to}` : `day?date=${from}`;
  try {
    say('载入中… Loading…');
    const report = await api(`/api/v1/reports/${query}`);
    render(report);
    // The CSV needs the token too: fetched now, offered as a file.
    const blob = await api(`/api/v1/reports/${query}&format=csv`, true);
    if (csvUrl) URL.revokeObjectURL(csvUrl);
    csvUrl = URL.createObjectURL(blob);
    $('csv').href = csvUrl;
    $('csv').download = to && to !== from ? `report-${from}-${to}.csv` : `report-${from}.csv`;
    say(to && to !== from ? `${from} 至 ${to}` : from, 'ok');
    document.body.dataset.loaded = query;
  } catch (err) {
    say(err.message, 'bad');
  }
}

$('pick').addEventListener('submit', (e) => {
  e.preventDefault();
  show();
});

if (session) signedIn();
