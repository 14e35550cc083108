// Drives Debian's Chromium (headless, through playwright-core) through a 差评 case (DESIGN §13):
// the citizen rates B001 on /rate/3 — the hall's service 4, the matter handled 2 (事项办理), a reason —
// then, once the test has moved the terminal's clock past the contact day ("STEP move-clock", answered
// on stdin), the supervisor signs in at /console without a window, sees every window, acts on window
// 5 (pause, resume), finds the case marked 已超期, records 已联系 and then 办结 (resolved).
// Run by tests/e2e/tst_complaints_browser, which checks the database afterwards.
'use strict';

const { chromium } = require('playwright-core');
const readline = require('readline');

const base = process.env.HK_BASE_URL;
const artifacts = process.env.HK_ARTIFACTS || '.';
const pin = process.env.HK_STAFF_PIN;

const lines = readline.createInterface({ input: process.stdin });
const waiting = [];
lines.on('line', (l) => { const w = waiting.shift(); if (w) w(l); });
function step(name) {
  console.log(`STEP ${name}`);
  return new Promise((resolve) => waiting.push(resolve));
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
    // The citizen: the evaluator page at window 3, signed in once by the clerk.
    const rate = await browser.newPage({ viewport: { width: 1080, height: 1920 } });
    await rate.goto(`${base}/rate/3`);
    await rate.fill('#signin-staff', 'S03');
    await rate.fill('#signin-pin', pin);
    await rate.press('#signin-pin', 'Enter');
    await rate.waitForSelector('#idle:not(.hidden)');
    await step('finish-b001'); // the test finishes B001 at window 3 now
    await rate.waitForSelector('#rating:not(.hidden)');
    check((await text(rate, '#rate-ticket')) === 'B001', 'the citizen is asked to rate B001');
    check((await text(rate, '#matter-title')).includes('事项办理'), 'a second row rates the matter handled');
    await rate.click('.level:not(.matter-level)[data-level="4"]');
    await rate.waitForSelector('#rate-submit-line:not(.hidden)');
    await rate.click('.matter-level[data-matter-level="2"]');
    await rate.waitForSelector('#reason-form:not(.hidden)');
    check(await rate.isHidden('#rate-submit-line'), 'a 差评 of the matter asks for a reason instead of submitting');
    await rate.screenshot({ path: `${artifacts}/browser-rate-matter.png` });
    await rate.click('.reason-choice[data-reason="材料告知不清楚"]');
    await rate.click('#reason-submit');
    await rate.waitForSelector('#thanks:not(.hidden)').catch(async (e) => {
      throw new Error(`no thank-you screen; the page says "${await text(rate, '#message')}" (${e.message})`);
    });
    check(true, 'rated: service 4, matter 2, with a reason');

    await step('move-clock'); // the test moves the terminal's clock past the contact day

    // The supervisor: no window.
    const desk = await (await browser.newContext({ viewport: { width: 1800, height: 1400 } })).newPage();
    await desk.goto(`${base}/console`);
    await desk.fill('#signin-staff', 'SV1');
    await desk.fill('#signin-pin', pin);
    await desk.press('#signin-pin', 'Enter');
    await desk.waitForSelector('#console:not(.hidden)');
    await desk.waitForSelector('#supervisor-area:not(.hidden)');
    await desk.waitForFunction(() => document.querySelectorAll('#hall-windows tr[data-window]').length === 8);
    check(true, 'the supervisor sees all eight windows');
    const role = await desk.evaluate(() => JSON.parse(sessionStorage.getItem('hallkiosk.console')).role);
    check(role === 'supervisor', 'signed in as a supervisor without a window');

    // Act on window 5: pause, and see it live in the hall table; resume.
    await desk.click('#hall-windows [data-pick="5"]');
    await desk.waitForFunction(() => document.querySelector('#window-name')?.textContent === '5号窗口');
    await desk.click('#btn-pause');
    await desk.waitForFunction(() => document.querySelector('#hall-windows tr[data-window="5"]')?.textContent.includes('暂停'));
    check(true, 'window 5 paused from the supervisor console, shown in the hall table');
    await desk.click('#btn-resume');
    await desk.waitForFunction(() => document.querySelector('#hall-windows tr[data-window="5"]')?.textContent.includes('普通'));
    check(true, 'window 5 resumed');

    // The 差评 case, overdue.
    await desk.waitForSelector('#complaint-list li[data-complaint]');
    const item = '#complaint-list li[data-complaint]';
    check((await desk.getAttribute(item, 'data-overdue')) === 'true', 'the case is overdue');
    check((await text(desk, `${item} .overdue-tag`)) === '已超期', 'it says 已超期');
    const colour = await desk.$eval(item, (el) => getComputedStyle(el).borderLeftColor);
    check(colour === 'rgb(211, 47, 47)', `marked red (${colour})`);
    check((await text(desk, item)).includes('B001') && (await text(desk, item)).includes('事项 2'), 'it names B001 and the matter level');
    check(!(await text(desk, '#overdue-count')).includes(' 0 '), 'the overdue count is shown');
    await desk.screenshot({ path: `${artifacts}/browser-complaint-overdue.png`, fullPage: true });

    await desk.fill(`${item} .note`, '已电话联系市民，核对材料清单');
    await desk.click(`${item} [data-step="contacted"]`);
    await desk.waitForFunction(() => document.querySelector('#complaint-list li[data-complaint]')?.dataset.overdue === 'false');
    check((await text(desk, item)).includes('已联系'), 'contacted: the step is listed and the case is no longer overdue');
    await desk.selectOption(`${item} .outcome`, 'resolved');
    await desk.fill(`${item} .note`, '清单已更正');
    await desk.click(`${item} [data-step="closed"]`);
    await desk.waitForFunction(() => !document.querySelector('#complaint-list li[data-complaint]'));
    check((await text(desk, '#complaint-list')).includes('暂无'), 'closed: it leaves the open list');
    await desk.screenshot({ path: `${artifacts}/browser-complaint-closed.png`, fullPage: true });
    console.log('DONE');
  } finally {
    await browser.close();
    lines.close();
  }
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
