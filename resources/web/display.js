// The hall screen (DESIGN §7): the last calls with their windows, waiting counts, live.
'use strict';

const $ = (id) => document.getElementById(id);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
const kept = 6;
let calls = [];
let retryMs = 500;

function renderCalls() {
  const latest = calls[0];
  $('latest-ticket').textContent = latest ? latest.ticket : '—';
  $('latest-window').textContent = latest ? latest.window_name : '—';
  $('latest-window-en').textContent = latest ? `Window ${latest.window}` : '';
  $('calls').innerHTML = calls.map((c) => `<tr data-ticket="${esc(c.ticket)}"><td>${esc(c.ticket)}</td><td>${esc(c.window_name)}</td></tr>`).join('');
}

function onCalled(frame) {
  calls = [frame].concat(calls.filter((c) => c.ticket !== frame.ticket)).slice(0, kept);
  renderCalls();
  if (!frame.replay) {
    const latest = document.querySelector('.latest');
    latest.classList.remove('flash');
    void latest.offsetWidth; // restart the animation
    latest.classList.add('flash');
  }
}

function onQueue(q) {
  $('waiting').innerHTML = q.groups.map((g) =>
    `<tr data-group="${esc(g.code)}"><td>${esc(g.name)}</td><td class="num"><strong>${g.waiting}</strong> 人</td></tr>`).join('');
}

function connect() {
  const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`);
  socket.onopen = () => { retryMs = 500; $('link').textContent = ''; };
  socket.onmessage = (m) => {
    const frame = JSON.parse(m.data);
    if (frame.type === 'called') onCalled(frame);
    else if (frame.type === 'queue_changed') onQueue(frame.queue);
  };
  socket.onclose = () => {
    $('link').textContent = '✕ 连接中断，正在重连 reconnecting…';
    setTimeout(connect, retryMs = Math.min(retryMs * 2, 8000));
  };
}

function tick() {
  $('clock').textContent = new Date().toLocaleTimeString('zh-CN', { hour: '2-digit', minute: '2-digit' });
}
setInterval(tick, 10000);
tick();
connect();
