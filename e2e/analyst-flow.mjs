// Netra's browser test, driven by BrowserIT (app module): an analyst logs in, sees a new alert arrive on the case
// list without reloading, filters, opens the case, opens the ASN page from it, confirms the case and downloads its referral
// dossier (saved as berkas.pdf in the screenshot dir, its path printed as "DOSSIER <path>"; before that, a dismissal
// without a reason is asked for one and not recorded); screenshots of the list, the
// case page and the ASN page are saved.
// axe-core checks every page visited (login, case list, case page, ASN page, overview, alert feed, and the replay reports with
// the auditor's password): a serious or critical violation fails the run. Then the same analyst on a phone (390 x 844):
// no page scrolls sideways, the case list's rows and the case page's triage buttons are on screen and big enough to
// tap, a tap on a triage button records the action, and the ASN page fits; phone screenshots of the list, the case and the
// ASN page are saved.
// Uses Debian's Chromium (/usr/bin/chromium or $CHROMIUM) through playwright-core; no browser is downloaded.
//
// Usage: node analyst-flow.mjs <base url> <user> <password> <text of the new post> <screenshot dir> [<auditor's password>]
// Prints one line per step; exits 0 when every step held, 1 with the failing step otherwise.
import { chromium } from 'playwright-core';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Accessibility, PHONE, assertNoSidewaysScroll, assertTappable } from './checks.mjs';

const [base, user, password, expectText, shots, auditorPassword] = process.argv.slice(2);
if (!base || !user || !password || !expectText || !shots) {
  console.error('usage: node analyst-flow.mjs <base url> <user> <password> <text of the new post> <screenshot dir> [<auditor\'s password>]');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });
const step = (s) => console.log(`step: ${s}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
const a11y = new Accessibility(console.log);
const open = async (options) => {
  const page = await browser.newPage(options);
  page.setDefaultTimeout(30_000);
  page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
  return page;
};
const logIn = async (page, name, secret) => {
  await page.fill('input[name=name]', name);
  await page.fill('input[name=password]', secret);
  await Promise.all([page.waitForURL(/\/kasus/), page.click('button[type=submit]')]);
};
let failed = false;
try {
  const page = await open({ viewport: { width: 1280, height: 900 } });
  // post text is untrusted: a script in it must show as text, never run (no dialog may open)
  let dialogs = 0;
  page.on('dialog', (d) => { dialogs += 1; d.dismiss(); });

  step('the case list sends a visitor to the login page');
  await page.goto(`${base}/kasus`);
  await page.waitForURL(/\/login/);
  await a11y.check(page, 'login page');

  step(`log in as ${user}`);
  await logIn(page, user, password);

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
  await a11y.check(page, 'case list');
  await page.screenshot({ path: join(shots, 'feed.png'), fullPage: false });

  step('filter by a region picked by its name');
  const regionName = (await page.locator('#cases tr', { hasText: expectText }).first().locator('td').nth(4).innerText()).trim();
  if (!regionName || /^\d/.test(regionName)) {
    throw new Error(`the list should name the case's region, not "${regionName}"`);
  }
  const suggested = await page.locator('datalist#wilayah option').evaluateAll((os, n) => os.some((o) => o.value === n), regionName);
  if (!suggested) {
    throw new Error(`the region field does not suggest "${regionName}"`);
  }
  await page.fill('input[name=region]', regionName);
  await Promise.all([page.waitForURL(/region=/), page.click('form.filters button[type=submit]')]);
  await page.locator('#cases tr', { hasText: expectText }).first().waitFor();
  const regions = await page.locator('#cases tbody tr td:nth-child(5)').allInnerTexts();
  const strays = regions.map((r) => r.trim()).filter((r) => r !== regionName);
  if (strays.length > 0) {
    throw new Error(`filtering by "${regionName}" left rows of other regions: ${[...new Set(strays)].join(', ')}`);
  }

  step('page through every case, five at a time');
  await page.goto(`${base}/kasus?sort=opened&limit=5`);
  const total = Number(((await page.locator('#cases .counts').innerText()).match(/^(\d+) kasus/) || [])[1]);
  if (!(total > 5)) {
    throw new Error(`the list should count more than one page of cases, found "${total}"`);
  }
  const seen = new Set();
  for (let n = 1; ; n++) {
    const ids = await page.locator('#cases tbody tr').evaluateAll((rs) => rs.map((r) => r.dataset.case));
    if (ids.length === 0 || ids.length > 5) {
      throw new Error(`page ${n} shows ${ids.length} cases, not 1 to 5`);
    }
    for (const id of ids) {
      if (seen.has(id)) {
        throw new Error(`case ${id} is on two pages (page ${n})`);
      }
      seen.add(id);
    }
    const next = page.locator('#cases a[rel=next]');
    if ((await next.count()) === 0) {
      break;
    }
    if (n === 2) {
      await a11y.check(page, 'a later page of the case list');
    }
    await Promise.all([page.waitForURL(/after=/), next.click()]);
  }
  // sorted by opening time, cases opened while paging come before the first page: every case counted is seen once
  if (seen.size < total) {
    throw new Error(`paging showed ${seen.size} of the ${total} cases`);
  }
  console.log(`PAGED ${seen.size} cases`);
  await page.goto(`${base}/kasus`);

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
  await a11y.check(page, 'case page');
  await page.screenshot({ path: join(shots, 'case.png'), fullPage: true });

  step('open the ASN page from the case');
  const casePath = new URL(page.url()).pathname;
  await Promise.all([page.waitForURL(/\/asn$/), page.click('#asn-link')]);
  await page.locator('h1', { hasText: 'ASN' }).waitFor();
  if ((await page.locator(`a[href="${casePath}"]`).count()) === 0) {
    throw new Error('the ASN page does not list the case it was opened from');
  }
  await a11y.check(page, 'ASN page');
  await page.screenshot({ path: join(shots, 'asn.png'), fullPage: true });
  await Promise.all([page.waitForURL((u) => u.pathname === casePath), page.goBack()]);
  await page.locator('mark').first().waitFor();

  step('a dismissal without a reason is asked for one, and nothing is recorded');
  const historyRows = await page.locator('#riwayat ~ table tr').count();
  await page.click('#act button[data-action=dismissed]');
  await page.locator('#result', { hasText: 'Isi «alasan / komentar» untuk tindakan «Tolak»' }).waitFor();
  if (!(await page.evaluate(() => document.activeElement && document.activeElement.name === 'reason'))) {
    throw new Error('the reason field did not get the focus');
  }
  await page.reload();
  if ((await page.locator('#riwayat ~ table tr').count()) !== historyRows || (await page.locator('h1', { hasText: 'Ditolak' }).count()) > 0) {
    throw new Error('a dismissal without a reason was recorded');
  }

  step('confirm it');
  await page.fill('#act input[name=reason]', 'Ajakan memilih terbukti dari unggahan');
  await page.click('#act button[data-action=confirmed]');
  // the page records the action, then reloads itself to show the new status and history
  await page.locator('h1', { hasText: 'Dikonfirmasi' }).waitFor();
  if (dialogs > 0) {
    throw new Error(`${dialogs} dialog(s) opened: a script from a post ran`);
  }

  step('download the referral dossier');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#dossier-link')]);
  const dossier = join(shots, 'berkas.pdf');
  await download.saveAs(dossier);
  console.log(`DOSSIER ${dossier}`);

  step('the overview and the alert feed');
  await page.goto(`${base}/ringkasan`);
  await a11y.check(page, 'overview');
  await page.goto(`${base}/`);
  await a11y.check(page, 'alert feed');

  if (auditorPassword) {
    step('the replay reports, as the auditor');
    const auditor = await open({ viewport: { width: 1280, height: 900 } });
    await auditor.goto(`${base}/laporan`);
    await auditor.waitForURL(/\/login/);
    await logIn(auditor, 'auditor', auditorPassword);
    await auditor.goto(`${base}/laporan`);
    await auditor.locator('h1').first().waitFor();
    await a11y.check(auditor, 'replay reports');
    await auditor.close();
  }

  step('on a phone (390 x 844): log in');
  const phone = await open(PHONE);
  await phone.goto(`${base}/kasus`);
  await phone.waitForURL(/\/login/);
  await assertNoSidewaysScroll(phone, 'the login page');
  await logIn(phone, user, password);

  step('on a phone: the case list');
  const phoneRow = phone.locator('#cases tbody tr', { hasText: expectText }).first();
  await phoneRow.waitFor();
  await assertNoSidewaysScroll(phone, 'the case list');
  const phoneRows = phone.locator('#cases tbody tr');
  for (let i = 0; i < Math.min(await phoneRows.count(), 5); i++) {
    await assertTappable(phoneRows.nth(i).locator('a').first(), `the link of case list row ${i + 1}`);
  }
  await assertTappable(phoneRow.locator('a').first(), 'the new case\'s link');
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: join(shots, 'kasus-hp.png'), fullPage: false });

  step('on a phone: the case page and its triage buttons');
  await Promise.all([phone.waitForURL(/\/kasus\/NTR-/), phoneRow.locator('a').first().click()]);
  await phone.locator('mark').first().waitFor();
  await assertNoSidewaysScroll(phone, 'the case page');
  const buttons = phone.locator('#act button');
  if ((await buttons.count()) === 0) {
    throw new Error('the case page shows no triage buttons on a phone');
  }
  for (let i = 0; i < await buttons.count(); i++) {
    await assertTappable(buttons.nth(i), `the triage button "${(await buttons.nth(i).innerText()).trim()}"`);
  }
  await assertTappable(phone.locator('#act input[name=reason]'), 'the reason field');
  await phone.evaluate(() => window.scrollTo(0, 0));
  await phone.screenshot({ path: join(shots, 'kasus-detail-hp.png'), fullPage: false });
  const note = 'Dicek ulang dari ponsel';
  await phone.fill('#act input[name=reason]', note);
  await phone.click('#act button[data-action=commented]');
  // the page reloads itself after the action; the comment then shows in the history
  await phone.locator('td', { hasText: note }).first().waitFor();

  step('on a phone: the ASN page');
  await Promise.all([phone.waitForURL(/\/asn$/), phone.click('#asn-link')]);
  await phone.locator('h1', { hasText: 'ASN' }).waitFor();
  await assertNoSidewaysScroll(phone, 'the ASN page');
  await assertTappable(phone.locator('#asn-case-list a').first(), 'the first case link of the ASN page');
  await phone.screenshot({ path: join(shots, 'asn-hp.png'), fullPage: false });

  step('on a phone: the overview and the alert feed');
  await phone.goto(`${base}/ringkasan`);
  await assertNoSidewaysScroll(phone, 'the overview');
  await phone.goto(`${base}/`);
  await assertNoSidewaysScroll(phone, 'the alert feed');

  step('no serious or critical accessibility violation');
  a11y.assertNone();
  step('done');
} catch (e) {
  failed = true;
  a11y.report();
  // the pages as they were, to see why
  for (const [i, p] of browser.contexts().flatMap((c) => c.pages()).entries()) {
    await p.content().then((html) => writeFileSync(join(shots, `failed-page-${i + 1}.html`), html)).catch(() => {});
  }
  console.log(`FAILED: ${e.message.split('\n')[0]}`);
} finally {
  await browser.close();
}
process.exit(failed ? 1 : 0);
