// Drives Debian's Chromium (headless, through playwright-core) through the supervisors' /reports page:
// a clerk is refused, the supervisor signs in without a window, picks the hand-made day, the five
// charts are drawn with its figures, the CSV link downloads the tickets' CSV, and a span of two days
// sums them. Run by tests/e2e/tst_reports_browser; screenshots go to the test artifacts.
'use strict';

const fs = require('fs');
const { chromium } = require('playwright-core');

const base = process.env.HK_BASE_URL;
const artifacts = process.env.HK_ARTIFACTS || '.';
const pin = process.env.HK_STAFF_PIN;

function check(condition, what) {
  if (!condition) throw new Error(`check failed: ${what}`);
  console.log(`ok - ${what}`);
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.HK_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
           '--disable-component-update', '--disable-sync'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 1600, height: 1400 }, acceptDownloads: true });
    const page = await context.newPage();
    const offline = [];
    page.on('request', (r) => { if (!r.url().startsWith(base) && !r.url().startsWith('blob:')) offline.push(r.url()); });
    await page.goto(`${base}/reports`);

    // A clerk is not a supervisor.
    await page.fill('#signin-staff', 'S03');
    await page.fill('#signin-pin', pin);
    await page.press('#signin-pin', 'Enter');
    await page.waitForFunction(() => document.querySelector('#signin-message')?.textContent.includes('只有主管'));
    check(true, 'a clerk is refused the reports');

    await page.fill('#signin-staff', 'SV1');
    await page.fill('#signin-pin', pin);
    await page.press('#signin-pin', 'Enter');
    await page.waitForSelector('#reports:not(.hidden)');
    check(true, 'the supervisor signs in without a window');

    await page.fill('#from', '2026-11-24');
    await page.click('#show');
    await page.waitForFunction(() => document.body.dataset.loaded === 'day?date=2026-11-24');
    check((await page.textContent('#f-issued')).trim() === '12', 'twelve tickets issued on the day');
    check((await page.textContent('#f-within')).trim() === '66.7%', 'booked within target 4 of 6');
    check((await page.textContent('#f-satisfied')).trim() === '62.5%', 'satisfied 5 of 8');
    for (const id of ['chart-hours', 'chart-kinds', 'chart-target', 'chart-windows', 'chart-ratings']) {
      const points = await page.getAttribute(`#${id}`, 'data-points');
      const drawn = await page.evaluate((i) => {
        const c = document.getElementById(i);
        const pixels = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
        let coloured = 0;
        for (let p = 0; p < pixels.length; p += 4) if (pixels[p + 3] > 0) coloured++;
        return { width: c.width, height: c.height, coloured };
      }, id);
      check(Number(points) > 0 && drawn.width > 100 && drawn.coloured > 1000, `${id} drawn with ${points} values`);
    }
    const ratings = await page.evaluate(() => Chart.getChart('chart-ratings').data.datasets[0].data);
    check(JSON.stringify(ratings) === JSON.stringify([3, 2, 1, 1, 1]), 'ratings by level 5…1 are 3 2 1 1 1');
    await page.screenshot({ path: `${artifacts}/browser-reports-day.png`, fullPage: true });

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#csv')]);
    check(download.suggestedFilename() === 'report-2026-11-24.csv', `the CSV is named ${download.suggestedFilename()}`);
    const csvPath = `${artifacts}/browser-report-2026-11-24.csv`;
    await download.saveAs(csvPath);
    const csv = fs.readFileSync(csvPath);
    check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, 'the CSV starts with a BOM');
    const lines = csv.toString('utf8').slice(1).split('\r\n').filter((l) => l);
    check(lines[0] === 'number,kind,group,state,issued_at,called_at,finished_at,window,wait_s,handling_s,rating,rating_channel', 'the CSV header');
    check(lines.length === 13, `a row a ticket (${lines.length - 1})`);

    await page.fill('#to', '2026-11-25');
    await page.click('#show');
    await page.waitForFunction(() => document.body.dataset.loaded === 'range?from=2026-11-24&to=2026-11-25');
    check((await page.textContent('#f-issued')).trim() === '24', 'the span of two days sums 24 tickets');
    await page.screenshot({ path: `${artifacts}/browser-reports-range.png`, fullPage: true });
    check(offline.length === 0, `no request left the terminal (${offline.join(' ')})`);
    console.log('DONE');
  } finally {
    await browser.close();
  }
})().catch((err) => {
  console.error(err);
  process.exit(1);
});
