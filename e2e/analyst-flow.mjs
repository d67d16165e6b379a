// Netra's browser test, driven by BrowserIT (app module): an analyst logs in, sees a new alert arrive on the case
// list without reloading, filters, opens the case, confirms it; screenshots of the list and the case page are saved.
// Uses Debian's Chromium (/usr/bin/chromium or $CHROMIUM) through playwright-core; no browser is downloaded.
//
// Usage: node analyst-flow.mjs <base url> <user> <password> <text of the new post> <screenshot dir>
// Prints one line per step; exits 0 when every step held, 1 with the failing step otherwise.
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const [base, user, password, expectText, shots] = process.argv.slice(2);
if (!base || !user || !password || !expectText || !shots) {
  console.error('usage: node analyst-flow.mjs <base url> <user> <password> <text of the new post> <screenshot dir>');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const step = (s) => console.log(`step: ${s}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
let failed = false;
try {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  // post text is untrusted: a script in it must show as text, never run (no dialog may open)
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });

  step('the case list sends a visitor to the login page');
  await page.goto(`${base}/kasus`);
  await page.waitForURL(/\/login/);

  step(`log in as ${user}`);
  await page.fill('input[name=name]', user);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForURL(/\/kasus/), page.click('button[type=submit]')]);

  step('the list is open and listening for live events');
  await page.evaluate(() => { window.__netraNotReloaded = true; });
  console.log('READY');

  step(`a new case with "${expectText}" appears without a reload`);
  const row = page.locator('#cases tr', { hasText: expectText });
  await row.first().waitFor({ timeout: 90_000 });
  if (!(await page.evaluate(() => window.__netraNotReloaded === true))) {
    throw new Error('the page was reloaded: the new case did not arrive live');
  }

  step('filter: severity HIGH and the text of the post');
  await page.selectOption('select[name=severity]', 'HIGH');
  await page.fill('input[name=q]', expectText);
  await Promise.all([page.waitForURL(/severity=HIGH/), page.click('form.filters button[type=submit]')]);
  const rows = await page.locator('#cases tbody tr').count();
  if (rows !== 1) {
    throw new Error(`the filter should leave exactly the new case, found ${rows} row(s)`);
  }
  await page.fill('input[name=q]', '');
  await page.selectOption('select[name=severity]', '');
  await Promise.all([page.waitForLoadState('load'), page.click('form.filters button[type=submit]')]);
  await page.locator('#cases tr', { hasText: expectText }).first().waitFor();
  await page.screenshot({ path: join(shots, 'feed.png'), fullPage: false });

  step('open the case');
  await Promise.all([page.waitForURL(/\/kasus\/NTR-/), page.locator('#cases tr', { hasText: expectText }).first().locator('a').first().click()]);
  const caseId = decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
  console.log(`CASE ${caseId}`);
  await page.locator('mark').first().waitFor();
  if ((await page.locator('body', { hasText: '<script>alert(1)</script>' }).count()) === 0) {
    throw new Error('the script in the post is not shown as text on the case page');
  }
  // an interaction (a reply under a campaign account's post) shows its target and why the target counts
  if ((await page.locator('dt', { hasText: 'Mengapa target dihitung' }).count()) === 0) {
    throw new Error('the case page does not say why the interaction\'s target counts');
  }
  await page.screenshot({ path: join(shots, 'case.png'), fullPage: true });

  step('confirm it');
  await page.fill('#act input[name=reason]', 'Ajakan memilih terbukti dari unggahan');
  await page.click('#act button[data-action=confirmed]');
  // the page records the action, then reloads itself to show the new status and history
  await page.locator('h1', { hasText: 'CONFIRMED' }).waitFor();
  if (dialogs > 0) {
    throw new Error(`${dialogs} dialog(s) opened: a script from a post ran`);
  }
  step('done');
} catch (e) {
  failed = true;
  console.log(`FAILED: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
