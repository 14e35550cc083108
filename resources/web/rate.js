// The citizen-facing evaluator page /rate/{window} (DESIGN §3 Ratings, §7, §13): a clerk signs it in
// once; after each "finish" it asks about that ticket: the hall's service (row 1) and, optionally, the
// matter handled (row 2, seed 004 §四). A 差评 (2 or 1) in either row needs a reason.
'use strict';

const $ = (id) => document.getElementById(id);
const windowNumber = Number(location.pathname.split('/').filter(Boolean).pop());
const storageKey = `hallkiosk.rate.${windowNumber}`;
let session = JSON.parse(localStorage.getItem(storageKey) || 'null');
let asking = null;       // {ticket, ticket_id} being rated
let chosenLevel = null;
let chosenMatter = null; // optional
const done = new Set();  // ticket ids rated from this screen
let retryMs = 500;
let thanksTimer = null;
let submitting = false; // the answer's own window_changed must not clear the screen under it

function show(id) {
  for (const s of ['signin', 'idle', 'rating', 'thanks']) $(s).classList.toggle('hidden', s !== id);
}

function say(text, target = 'message') {
  $(target).textContent = text;
  $(target).className = text ? 'message error' : 'message';
}

async function api(method, path, body) {
  const headers = { 'Content-Type': 'application/json' };
  if (session) headers.Authorization = `Bearer ${session.token}`;
  const response = await fetch(path, { method, headers, body: JSON.stringify(body) });
  const json = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error((json && json.message) || `HTTP ${response.status}`);
    error.status = response.status;
    error.code = json && json.error;
    throw error;
  }
  return json;
}

function ask(ticket) {
  if (thanksTimer || submitting) return; // the thank-you stays up its full time
  if (!ticket || done.has(ticket.ticket_id)) {
    asking = null;
    show('idle');
    return;
  }
  if (asking && asking.ticket_id === ticket.ticket_id) return;
  asking = ticket;
  chosenLevel = null;
  chosenMatter = null;
  $('rate-ticket').textContent = ticket.ticket;
  $('reason-form').classList.add('hidden');
  $('rate-submit-line').classList.add('hidden');
  document.querySelectorAll('.level').forEach((b) => b.setAttribute('aria-pressed', 'false'));
  say('');
  show('rating');
  document.querySelector('.level[data-level="5"]').focus();
}

async function submit(level, reason) {
  const ticketId = asking.ticket_id;
  submitting = true;
  try {
    await api('POST', `/api/v1/windows/${windowNumber}/rating`,
      { ticket: ticketId, level, matter_level: chosenMatter || undefined, reason: reason || undefined });
    thank(ticketId);
  } catch (e) {
    if (e.code === 'already_rated') return thank(ticketId);
    if (e.status === 401) return signedOut();
    say(e.code === 'reason_required' ? '请选择或填写原因 Please give a reason' : e.message);
  } finally {
    submitting = false;
  }
}

function thank(ticketId) {
  done.add(ticketId);
  asking = null;
  show('thanks');
  thanksTimer = setTimeout(() => { thanksTimer = null; show('idle'); }, 5000);
}

// After each choice: a 差评 in either row opens the reason form (its own submit); otherwise, once the
// service is rated, one big submit button.
function choicesChanged() {
  const poor = (chosenLevel && chosenLevel <= 2) || (chosenMatter && chosenMatter <= 2);
  const form = $('reason-form');
  if (poor && form.classList.contains('hidden')) {
    form.classList.remove('hidden');
    document.querySelectorAll('.reason-choice').forEach((x) => x.setAttribute('aria-pressed', 'false'));
    $('reason-text').value = '';
    document.querySelector('.reason-choice').focus();
  } else if (!poor) {
    form.classList.add('hidden');
  }
  $('rate-submit-line').classList.toggle('hidden', Boolean(poor) || !chosenLevel);
  say('');
}
document.querySelectorAll('.level:not(.matter-level)').forEach((b) => b.addEventListener('click', () => {
  chosenLevel = Number(b.dataset.level);
  document.querySelectorAll('.level:not(.matter-level)').forEach((x) => x.setAttribute('aria-pressed', String(x === b)));
  choicesChanged();
}));
document.querySelectorAll('.matter-level').forEach((b) => b.addEventListener('click', () => {
  const level = Number(b.dataset.matterLevel);
  chosenMatter = chosenMatter === level ? null : level; // a second tap takes it back: the row is optional
  document.querySelectorAll('.matter-level').forEach((x) => x.setAttribute('aria-pressed', String(x === b && chosenMatter !== null)));
  choicesChanged();
}));
$('rate-submit').addEventListener('click', () => {
  if (!chosenLevel) return say('请为大厅服务评价 Please rate our service');
  submit(chosenLevel);
});
document.querySelectorAll('.reason-choice').forEach((b) => b.addEventListener('click', () => {
  b.setAttribute('aria-pressed', String(b.getAttribute('aria-pressed') !== 'true'));
}));
$('reason-back').addEventListener('click', () => {
  chosenLevel = null;
  chosenMatter = null;
  document.querySelectorAll('.level').forEach((x) => x.setAttribute('aria-pressed', 'false'));
  choicesChanged();
});
$('reason-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const reasons = [...document.querySelectorAll('.reason-choice[aria-pressed="true"]')].map((b) => b.dataset.reason);
  const other = $('reason-text').value.trim();
  if (other) reasons.push(other);
  if (!reasons.length) return say('请选择或填写原因 Please give a reason');
  if (!chosenLevel) return say('请为大厅服务评价 Please rate our service');
  submit(chosenLevel, reasons.join('；'));
});
document.addEventListener('keydown', (e) => {
  if ($('rating').classList.contains('hidden') || ['INPUT', 'TEXTAREA'].includes(e.target.tagName)) return;
  const b = document.querySelector(`.level:not(.matter-level)[data-level="${e.key}"]`);
  if (b) { e.preventDefault(); b.click(); }
});

function signedOut(message) {
  session = null;
  localStorage.removeItem(storageKey);
  $('signin-window').textContent = windowNumber;
  show('signin');
  if (message) say(message, 'signin-message');
}

$('signin-form').addEventListener('submit', async (e) => {
  e.preventDefault();
  try {
    const r = await api('POST', '/api/v1/session', { window: windowNumber, staff_id: $('signin-staff').value.trim(), pin: $('signin-pin').value, scope: 'rating' });
    session = { token: r.token, expires: r.expires_at };
    localStorage.setItem(storageKey, JSON.stringify(session));
    $('signin-pin').value = '';
    connect();
  } catch (err) {
    say(err.code === 'locked' ? '密码错误次数过多，已锁定 Locked: too many wrong PINs' : err.message, 'signin-message');
  }
});

function connect() {
  show('idle');
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket.onopen = () => { retryMs = 500; };
  socket.onmessage = (m) => {
    const frame = JSON.parse(m.data);
    if (frame.type === 'window_changed' && frame.window && frame.window.number === windowNumber)
      ask(frame.window.awaiting_rating);
  };
  socket.onclose = () => { if (session) setTimeout(connect, retryMs = Math.min(retryMs * 2, 8000)); };
}

if (!Number.isInteger(windowNumber) || windowNumber < 1) {
  document.body.textContent = '窗口号无效 Not a window number';
} else if (session && (!session.expires || new Date(session.expires) > new Date())) {
  connect();
} else {
  signedOut();
}
