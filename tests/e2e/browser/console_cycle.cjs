// Drives Debian's Chromium (headless, through playwright-core; no browser is downloaded) through one
// full cycle at window 3: sign in at /console (a wrong PIN first), call by keyboard, see the number on
// /display, switch to 预约办理 while serving, take a 帮办 request, finish, rate on /rate/3 with a 差评
// that needs a reason. Run by tests/e2e/tst_console_browser, which checks the database, the board and
// the voice afterwards; it prints "STEP name" lines when it needs the test to act.
'use strict';

const { chromium } = require('playwright-core');

const base = process.env.HK_BASE_URL;
const artifacts = process.env.HK_ARTIFACTS || '.';
const staff = process.env.HK_STAFF_ID;
const pin = process.env.HK_STAFF_PIN;

function step(name) {
  console.log(`STEP ${name}`);
}

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

async function text(page, selector) {
  return (await page.textContent(selector)).trim();
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.HK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const display = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await display.goto(`${base}/display`);
    await display.waitForSelector('#waiting tr');

    const desk = await (await browser.newContext({ viewport: { width: 1600, height: 1000 } })).newPage();
    await desk.goto(`${base}/console`);
    // Keyboard only: the window field has the focus; type, Tab, type, Enter.
    await desk.keyboard.type('3');
    await desk.keyboard.press('Tab');
    await desk.keyboard.type(staff);
    await desk.keyboard.press('Tab');
    await desk.keyboard.type('0000');
    await desk.keyboard.press('Enter');
    // The predicates read elements the page may not have drawn yet: `?.` keeps waiting instead of
    // throwing (a throw ends waitForFunction at once).
    await desk.waitForFunction(() => document.querySelector('#signin-message')?.textContent.includes('工号或密码错误'));
    check(true, 'a wrong PIN is refused in words');
    await desk.fill('#signin-pin', pin);
    await desk.press('#signin-pin', 'Enter');
    await desk.waitForSelector('#console:not(.hidden)');
    await desk.waitForFunction(() => document.querySelector('#window-name')?.textContent === '3号窗口');
    check(true, 'signed in at 3号窗口');
    await desk.waitForFunction(() => document.querySelector('#waiting-table tr[data-group="BDC"] td.num')?.textContent === '1');
    check(true, 'the console counts the booked ticket waiting for BDC');

    await desk.keyboard.press('n'); // 下一位
    await desk.waitForFunction(() => document.querySelector('#current-ticket')?.textContent === 'Y001');
    check((await text(desk, '#current-detail')).includes('预约'), 'called Y001, a booked ticket');
    await display.waitForFunction(() => document.querySelector('#latest-ticket')?.textContent === 'Y001');
    check((await text(display, '#latest-window')) === '3号窗口', 'the hall display shows Y001 at 3号窗口');
    await display.screenshot({ path: `${artifacts}/browser-display.png` });

    await desk.keyboard.press('m'); // 预约办理 while serving: after this ticket
    await desk.waitForSelector('#pending-mode:not(.hidden)');
    check((await text(desk, '#pending-mode')).includes('预约办理'), 'the switch waits for the current ticket');
    check((await text(desk, '#mode-state')).includes('普通'), 'the window is still in normal mode');

    step('press-help');
    await desk.waitForSelector('#help-list [data-take]', { timeout: 15000 });
    check((await text(desk, '#help-list')).includes('大厅1号自助机'), 'the 帮办 request names the terminal');
    await desk.screenshot({ path: `${artifacts}/browser-console.png` });
    await desk.click('#help-list [data-take]');
    await desk.waitForSelector('#help-area.hidden', { state: 'attached' });
    check(true, 'taken, it leaves the console');

    const rate = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    await rate.goto(`${base}/rate/3`);
    await rate.fill('#signin-staff', staff);
    await rate.fill('#signin-pin', pin);
    await rate.press('#signin-pin', 'Enter');
    await rate.waitForSelector('#idle:not(.hidden)');
    check(true, 'the rating screen is signed in and waits');

    await desk.click('#btn-finish');
    await desk.waitForFunction(() => document.querySelector('#current-ticket')?.textContent === '—');
    await desk.waitForFunction(() => document.querySelector('#mode-state')?.textContent.includes('预约办理'));
    check(true, 'finished, and the window is now in 预约办理 mode');

    await rate.waitForSelector('#rating:not(.hidden)');
    check((await text(rate, '#rate-ticket')) === 'Y001', 'the citizen is asked to rate Y001');
    await rate.click('.level[data-level="2"]');
    await rate.waitForSelector('#reason-form:not(.hidden)');
    await rate.click('#reason-submit');
    await rate.waitForFunction(() => document.querySelector('#message')?.textContent.includes('原因'));
    check(true, '不满意 needs a reason');
    await rate.screenshot({ path: `${artifacts}/browser-rate.png` });
    await rate.click('.reason-choice[data-reason="等候时间太长"]');
    await rate.click('#reason-submit');
    await rate.waitForSelector('#thanks:not(.hidden)').catch(async (e) => {
      throw new Error(`no thank-you screen; the page says "${await text(rate, '#message')}" (${e.message})`);
    });
    check(true, 'rated: thank you');

    const again = await rate.evaluate(async () => {
      const { token } = JSON.parse(localStorage.getItem('hallkiosk.rate.3'));
      const r = await fetch('/api/v1/windows/3/rating', {
        method: 'POST', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ ticket: 'Y001', level: 5 }),
      });
      return [r.status, (await r.json()).error];
    });
    check(again[0] === 409 && again[1] === 'already_rated', 'one rating per ticket');
    console.log('DONE');
  } finally {
    await browser.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
