// The window clerk's console (DESIGN §7): sign in, then every action through the API; what the
// hall does meanwhile arrives over the WebSocket. Keyboard: N R S P F T U M.
// A supervisor (DESIGN §13) signs in without a window: every window is shown live, one is picked to
// act on, and the 差评 cases (1、5、15) are followed in their own panel.
'use strict';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const modeNames = { normal: '普通办理 Normal', booking: '预约办理 Booking', paused: '暂停服务 Paused' };
const errorTexts = {
  bad_credentials: '工号或密码错误 Wrong staff ID or PIN',
  locked: '密码错误次数过多，已锁定 Too many wrong PINs: locked',
  wrong_window: '您不在此窗口服务 You do not serve this window',
  unknown_window: '没有这个窗口 No such window',
  no_current_ticket: '当前没有号码 No ticket at the window',
  window_paused: '窗口已暂停，请先恢复 The window is paused: resume first',
  recall_limit: '重呼次数已达上限 Recalled the maximum number of times',
  not_allowed: '当前状态不能这样操作 Not possible in this state',
  unknown_group: '没有这个分组 No such group',
  unauthorized: '请重新登录 Please sign in again',
  unknown_help: '该请求已有人接待 Someone has taken it already',
  store_unavailable: '数据库暂不可用 The database is unavailable',
  forbidden: '无此权限 Not allowed for your role',
  window_required: '请填写窗口号 Please enter your window',
  wrong_step: '步骤顺序不对 Not the next step for this case',
  unknown_complaint: '没有这个差评案件 No such case',
};
const stepNames = { opened: '收到差评 opened', contacted: '已联系 contacted', rectified: '已整改 rectified', closed: '办结 closed' };
const outcomeNames = { on_the_spot: '当场解决 on the spot', no_problem: '核实无问题 no problem', resolved: '已解决 resolved' };
let hallWindows = new Map(); // number → window state (supervisors)
let complaintTimer = null;

let session = JSON.parse(sessionStorage.getItem('hallkiosk.console') || 'null');
let me = null;       // this window's state
let groups = [];     // from the queue
let socket = null;
let retryMs = 500;

function say(text, kind = 'info', target = 'message') {
  const el = $(target);
  el.textContent = text;
  el.className = `message ${kind}`;
}

function errorText(body, status) {
  if (body && body.error === 'locked')
    return `${errorTexts.locked}（${Math.ceil(body.retry_after_s / 60)} 分钟 min）`;
  return (body && (errorTexts[body.error] || body.message)) || `HTTP ${status}`;
}

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (response.status === 401 && session && path !== '/api/v1/session') {
    signedOut(errorTexts.unauthorized);
    throw new Error('signed out');
  }
  if (!response.ok) {
    const error = new Error(errorText(json, response.status));
    error.body = json;
    throw error;
  }
  return json;
}

function signedOut(message) {
  session = null;
  if (complaintTimer) { clearInterval(complaintTimer); complaintTimer = null; }
  sessionStorage.removeItem('hallkiosk.console');
  if (socket) socket.close();
  $('console').classList.add('hidden');
  $('signin').classList.remove('hidden');
  if (message) say(message, 'error', 'signin-message');
  $('signin-window').focus();
}

$('signin-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  say('', 'info', 'signin-message');
  try {
    const typed = $('signin-window').value.trim();
    const window = typed ? Number(typed) : undefined;
    const result = await api('POST', '/api/v1/session', { window, staff_id: $('signin-staff').value.trim(), pin: $('signin-pin').value });
    session = { token: result.token, window: result.window, staff: result.staff_name || result.staff_id, expires: result.expires_at,
                role: result.role || 'clerk', windows: result.windows || [] };
    if (session.role === 'supervisor') session.window = session.windows[0] || null;
    sessionStorage.setItem('hallkiosk.console', JSON.stringify(session));
    $('signin-pin').value = '';
    start();
  } catch (e) {
    say(e.message, 'error', 'signin-message');
  }
});

$('signout').addEventListener('click', async () => {
  try { await api('DELETE', '/api/v1/session'); } catch (e) { /* signed out either way */ }
  signedOut();
});

function renderWindow(w) {
  me = w;
  $('window-name').textContent = w.name;
  $('staff-name').textContent = session.staff;
  const c = w.current;
  $('current-ticket').textContent = c ? c.ticket : '—';
  $('current-detail').textContent = c
    ? `${c.kind === 'booked' ? '预约 Booked' : '现场 Walk-in'} · ${c.group} · ${c.state === 'serving' ? '办理中 Serving' : '已呼叫 Called'}${c.recalls ? ` · 重呼 ${c.recalls} 次 recalled` : ''}`
    : (w.mode === 'paused' ? '窗口已暂停 The window is paused' : '空闲，可叫下一位 Free: call the next');
  for (const id of ['btn-recall', 'btn-pass', 'btn-finish', 'btn-transfer']) $(id).disabled = !c;
  $('btn-start').disabled = !c || c.state !== 'called';
  $('btn-call-next').disabled = w.mode === 'paused' && !c;
  $('btn-pause').classList.toggle('hidden', w.mode === 'paused' || w.pending_mode === 'paused');
  $('btn-resume').classList.toggle('hidden', !(w.mode === 'paused' || w.pending_mode === 'paused'));
  $('mode-state').textContent = modeNames[w.mode];
  const booking = (w.pending_mode || w.mode) === 'booking';
  const toggle = $('mode-toggle');
  toggle.setAttribute('aria-pressed', booking ? 'true' : 'false');
  toggle.innerHTML = booking ? '切换为普通办理 <span class="en">Switch to normal mode</span><kbd>M</kbd>'
                             : '切换为预约办理 <span class="en">Switch to booking mode</span><kbd>M</kbd>';
  toggle.disabled = w.mode === 'paused';
  const pending = $('pending-mode');
  if (w.pending_mode && w.pending_mode !== w.mode) {
    pending.textContent = `当前号码办结后切换为 ${modeNames[w.pending_mode]} · applies after the current ticket`;
    pending.classList.remove('hidden');
  } else {
    pending.classList.add('hidden');
  }
  const d = w.devices || {};
  $('devices').innerHTML = ['board', 'caller', 'evaluator'].map((k) => {
    const label = { board: '窗口屏 Board', caller: '呼叫器 Caller', evaluator: '评价器 Evaluator' }[k];
    const state = d[k] || 'absent';
    return `<span class="state-${state}" data-device="${k}" data-state="${state}">${label}: ${{ ok: '正常 ok', offline: '离线 offline', absent: '未配置 none' }[state] || state}</span>`;
  }).join('');
}

function minutes(s) {
  return s == null ? '—' : `${Math.floor(s / 60)}′${String(s % 60).padStart(2, '0')}″`;
}

function renderQueue(q) {
  groups = q.groups;
  $('waiting-table').querySelector('tbody').innerHTML = q.groups.map((g) =>
    `<tr data-group="${g.code}"><td>${esc(g.name)} <span class="en">${esc(g.code)}</span></td><td class="num">${g.waiting}</td><td class="num">${g.booked_waiting}</td><td class="num">${minutes(g.oldest_wait_s)}</td></tr>`).join('');
  $('at-risk').innerHTML = q.at_risk.length ? q.at_risk.map((t) => {
    const suggest = t.suggest_window != null
      ? `<span class="suggest">建议将 ${t.suggest_window} 号窗口切换为预约办理 · Suggest switching window ${t.suggest_window} to booking mode</span>`
      : '';
    return `<li class="${t.overdue ? 'overdue' : ''}" data-ticket="${t.ticket}"><strong>${esc(t.ticket)}</strong> · ${esc(t.group)} · 已等 ${minutes(t.waited_s)} / 目标 ${t.target_s / 60} 分钟 <span class="en">waited / target</span>${suggest}</li>`;
  }).join('') : '<li class="none">暂无 <span class="en">None</span></li>';
  const select = $('transfer-group');
  const chosen = select.value;
  select.innerHTML = q.groups.map((g) => `<option value="${esc(g.code)}">${esc(g.name)} (${esc(g.code)})</option>`).join('');
  if (chosen) select.value = chosen;
  renderHelp(q.help);
}

function renderHelp(help) {
  $('help-area').classList.toggle('hidden', help.length === 0);
  $('help-list').innerHTML = help.map((h) =>
    `<li data-help="${esc(h.id)}"><span>【帮办】 <strong>${esc(h.terminal)}</strong> 需要帮办 <span class="en">asks for help</span> · ${new Date(h.at).toLocaleTimeString('zh-CN')}</span>
     <button class="primary" data-take="${esc(h.id)}">我来接待 <span class="en">Take</span></button></li>`).join('');
}

// The hall's database (DESIGN §11): while this terminal cannot reach it, window actions wait.
function renderHall(hall) {
  const banner = $('hall-banner');
  const offline = hall && hall.engine === 'postgresql' && !hall.connected;
  banner.classList.toggle('hidden', !offline);
  if (offline)
    banner.textContent = `大厅数据库离线：本机继续出号（离线号段），窗口操作暂不可用 · The hall database is offline: tickets are still issued (offline series), window actions wait${hall.detail ? ` — ${hall.detail}` : ''}`;
}

function addNotice(text, at) {
  const list = $('notices');
  const item = document.createElement('li');
  item.textContent = `${new Date(at || Date.now()).toLocaleTimeString('zh-CN')} ${text}`;
  list.prepend(item);
  while (list.children.length > 8) list.lastChild.remove();
  list.classList.remove('hidden');
}

let pendingHelp = [];
function onFrame(frame) {
  if (frame.type === 'hall') { renderHall(frame); return; }
  if (frame.type === 'notice') { addNotice(frame.text, frame.at); return; }
  if (frame.type === 'window_changed' && frame.window && isSupervisor()) renderHallWindow(frame.window);
  if (frame.type === 'window_changed' && frame.window && frame.window.number === session.window) renderWindow(frame.window);
  else if (frame.type === 'queue_changed') { pendingHelp = frame.queue.help; renderQueue(frame.queue); }
  else if (frame.type === 'help' && !pendingHelp.some((h) => h.id === frame.id)) {
    pendingHelp = pendingHelp.concat([{ id: frame.id, terminal: frame.terminal, at: frame.at }]);
    renderHelp(pendingHelp);
  }
}

function connect() {
  socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket.onopen = () => { retryMs = 500; $('link').textContent = '● 实时 live'; };
  socket.onmessage = (m) => onFrame(JSON.parse(m.data));
  socket.onclose = () => {
    $('link').textContent = '✕ 连接中断，正在重连 reconnecting…';
    if (session) setTimeout(connect, retryMs = Math.min(retryMs * 2, 8000));
  };
}

async function act(action, body) {
  if (!session.window) { say('请先选择窗口 Pick a window first', 'error'); return; }
  try {
    say('');
    renderWindow(await api('POST', `/api/v1/windows/${session.window}/${action}`, body));
  } catch (e) {
    if (e.message !== 'signed out') say(e.message, 'error');
  }
}

document.querySelectorAll('[data-action]').forEach((b) => b.addEventListener('click', () => act(b.dataset.action)));
$('mode-toggle').addEventListener('click', () => {
  if (!me) return;
  const booking = (me.pending_mode || me.mode) === 'booking';
  act('mode', { mode: booking ? 'normal' : 'booking' });
});
$('btn-transfer').addEventListener('click', () => { $('transfer-form').classList.remove('hidden'); $('transfer-group').focus(); });
$('transfer-cancel').addEventListener('click', () => $('transfer-form').classList.add('hidden'));
$('transfer-form').addEventListener('submit', (e) => {
  e.preventDefault();
  $('transfer-form').classList.add('hidden');
  act('transfer', { group: $('transfer-group').value });
});
$('help-list').addEventListener('click', async (e) => {
  const button = e.target.closest('[data-take]');
  if (!button) return;
  try { await api('POST', `/api/v1/help/${button.dataset.take}/take`); say('已接待帮办请求 Help request taken'); }
  catch (err) { say(err.message, 'error'); }
});

document.addEventListener('keydown', (e) => {
  if (!session || e.ctrlKey || e.altKey || e.metaKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes(e.target.tagName)) return;
  const keys = { n: 'btn-call-next', r: 'btn-recall', s: 'btn-start', p: 'btn-pass', f: 'btn-finish', t: 'btn-transfer', m: 'mode-toggle' };
  const key = e.key.toLowerCase();
  let id = keys[key];
  if (key === 'u') id = $('btn-pause').classList.contains('hidden') ? 'btn-resume' : 'btn-pause';
  if (!id || $(id).disabled) return;
  e.preventDefault();
  $(id).focus();
  $(id).click();
});

// ---- supervisors ---------------------------------------------------------------------------

function isSupervisor() {
  return session && session.role === 'supervisor';
}

function renderHallWindow(w) {
  hallWindows.set(w.number, w);
  const rows = [...hallWindows.values()].sort((a, b) => a.number - b.number);
  $('hall-windows').querySelector('tbody').innerHTML = rows.map((x) =>
    `<tr data-window="${x.number}" class="${x.number === session.window ? 'picked' : ''}"><td>${esc(x.name)}</td><td>${esc(modeNames[x.mode] || x.mode)}${x.pending_mode && x.pending_mode !== x.mode ? ` → ${esc(modeNames[x.pending_mode])}` : ''}</td>` +
    `<td>${x.current ? `<strong>${esc(x.current.ticket)}</strong>` : '—'}</td>` +
    `<td><button type="button" class="secondary" data-pick="${x.number}">操作 <span class="en">Act</span></button></td></tr>`).join('');
  const pick = $('window-pick');
  if (pick.options.length !== rows.length) {
    pick.innerHTML = rows.map((x) => `<option value="${x.number}">${esc(x.name)}</option>`).join('');
  }
  if (session.window) pick.value = String(session.window);
}

function pickWindow(number) {
  session.window = number;
  sessionStorage.setItem('hallkiosk.console', JSON.stringify(session));
  const w = hallWindows.get(number);
  if (w) renderWindow(w);
  for (const row of $('hall-windows').querySelectorAll('tr[data-window]')) row.classList.toggle('picked', Number(row.dataset.window) === number);
  $('window-pick').value = String(number);
  say(`正在操作 ${w ? w.name : number} · acting on window ${number}`);
}

function dueLine(c) {
  // Each due is the last day its step is on time (DESIGN §13); whether the case is late is the
  // terminal's word (`overdue`, on the hall's clock), not this browser's.
  return `<span>联系 contact ≤ ${esc(c.due.contact)}</span><span>整改 rectify ≤ ${esc(c.due.rectify)}</span><span>办结 close ≤ ${esc(c.due.close)}</span>`;
}

function renderComplaints(cases) {
  const overdue = cases.filter((c) => c.overdue).length;
  const count = $('overdue-count');
  count.textContent = `已超期 ${overdue} 件 overdue`;
  count.classList.toggle('hidden', overdue === 0);
  $('complaint-list').innerHTML = cases.length ? cases.map((c) => {
    const levels = `服务 ${c.level}${c.matter_level != null ? ` · 事项 ${c.matter_level}` : ''}`;
    const steps = c.steps.length ? c.steps.map((s) => `${stepNames[s.step]} ${new Date(s.at).toLocaleString('zh-CN')} ${esc(s.by)}${s.note ? `：${esc(s.note)}` : ''}`).join(' → ')
                                 : '尚未处理 nothing done yet';
    const contacted = c.steps.some((s) => s.step === 'contacted');
    const rectified = c.steps.some((s) => s.step === 'rectified');
    const outcomes = !contacted ? ['on_the_spot'] : rectified ? ['resolved'] : ['resolved', 'no_problem'];
    return `<li class="${c.overdue ? 'overdue' : ''}" data-complaint="${esc(c.id)}" data-overdue="${c.overdue}">
      <div>${c.overdue ? '<span class="overdue-tag">已超期</span>' : ''}<strong>${esc(c.number)}</strong> · ${c.window} 号窗口 · ${esc(levels)}${c.follow_up ? ' · 评价器（需回访） follow-up' : ''}</div>
      <div>原因 <span class="en">Reason</span>：${esc(c.reason || '—')}</div>
      <div class="due">${dueLine(c)}</div>
      <div class="steps">${steps}</div>
      <form class="step-form" data-id="${esc(c.id)}">
        <label class="en" for="note-${esc(c.id)}">说明 Note</label>
        <input id="note-${esc(c.id)}" class="note" maxlength="500" placeholder="处理情况 What was done">
        <button type="button" data-step="contacted" ${contacted ? 'disabled' : ''}>已联系 <span class="en">Contacted</span></button>
        <button type="button" data-step="rectified" ${!contacted || rectified ? 'disabled' : ''}>已整改 <span class="en">Rectified</span></button>
        <select class="outcome" aria-label="办结结果 Outcome">${outcomes.map((o) => `<option value="${o}">${outcomeNames[o]}</option>`).join('')}</select>
        <button type="button" class="primary" data-step="closed">办结 <span class="en">Close</span></button>
      </form>
    </li>`;
  }).join('') : '<li class="none">暂无未办结差评 <span class="en">No open cases</span></li>';
}

async function loadComplaints() {
  if (!isSupervisor()) return;
  try { renderComplaints(await api('GET', '/api/v1/complaints?state=open')); }
  catch (e) { if (e.message !== 'signed out') say(e.message, 'error', 'complaint-message'); }
}

$('complaint-list').addEventListener('click', async (e) => {
  const button = e.target.closest('[data-step]');
  if (!button) return;
  const form = button.closest('form');
  const body = { note: form.querySelector('.note').value.trim() };
  if (button.dataset.step === 'closed') body.outcome = form.querySelector('.outcome').value;
  try {
    await api('POST', `/api/v1/complaints/${form.dataset.id}/${button.dataset.step}`, body);
    say(`已记录：${stepNames[button.dataset.step]} · recorded`, 'info', 'complaint-message');
  } catch (err) {
    if (err.message !== 'signed out') say(err.message, 'error', 'complaint-message');
  }
  loadComplaints();
});
$('hall-windows').addEventListener('click', (e) => {
  const b = e.target.closest('[data-pick]');
  if (b) pickWindow(Number(b.dataset.pick));
});
$('window-pick').addEventListener('change', () => pickWindow(Number($('window-pick').value)));

async function start() {
  $('signin').classList.add('hidden');
  $('console').classList.remove('hidden');
  const supervisor = isSupervisor();
  $('supervisor-area').classList.toggle('hidden', !supervisor);
  $('window-pick-line').classList.toggle('hidden', !supervisor);
  try {
    const windows = await api('GET', '/api/v1/windows');
    if (supervisor) {
      hallWindows = new Map();
      windows.forEach(renderHallWindow);
      if (!session.window && windows.length) session.window = windows[0].number;
      await loadComplaints();
      if (!complaintTimer) complaintTimer = setInterval(loadComplaints, 30000);
    }
    renderWindow(windows.find((w) => w.number === session.window));
    renderQueue(await api('GET', '/api/v1/queue'));
    renderHall((await api('GET', '/api/v1/health')).hall);
  } catch (e) {
    if (e.message !== 'signed out') say(e.message, 'error');
    if (!session) return;
  }
  connect();
  $('btn-call-next').focus();
}

if (session) start(); else $('signin-window').focus();
