// Helpers for the browser tests: the browser, screenshots, and the few places where
// gatehouse's admin markup and Django's differ (the pickers, the log-out control), each in
// one function that tries gatehouse's vocabulary first and then Django's, so the same specs
// run against gatehouse and against the Django reference.
import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, readFileSync, existsSync } from 'node:fs';
import { dirname, join, normalize, resolve, extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..', '..');

export const BASE_URL = (process.env.BASE_URL || '').replace(/\/+$/, '');
if (!BASE_URL) throw new Error('BASE_URL is not set (tests/browser/run.sh starts gatehouse and sets it)');
export const ADMIN_USER = process.env.ADMIN_USER || 'admin';
export const ADMIN_PASSWORD = process.env.ADMIN_PASSWORD || 'admin-pass-123';
export const SCREENSHOT_DIR = resolve(process.env.SCREENSHOT_DIR || join(repo, 'build', 'screenshots'));
const CHROMIUM = process.env.CHROMIUM_BIN || '/usr/bin/chromium';
// run.sh sets PICKER_REQUIRED=1 for the gatehouse it starts: there the dual-list picker must
// exist. Against an external server (the Django reference is served without its static
// files) a plain <select multiple> is accepted instead.
const PICKER_REQUIRED = process.env.PICKER_REQUIRED === '1';
// Optional, for the reference only: answer /static/* from this directory when the file is
// there (Debian's /usr/lib/python3/dist-packages/django/contrib/admin/static; the
// reference's gunicorn serves no static files), so Django's own JavaScript pickers run.
// Never set for gatehouse, which must serve its own.
const STATIC_FALLBACK_DIR = process.env.STATIC_FALLBACK_DIR || '';
const staticCache = new Map();
const MANIFEST = process.env.SCREENSHOT_MANIFEST || '';

export const DESKTOP = { width: 1440, height: 900 };
export const MOBILE = { width: 375, height: 812 };

// A good password for every user the tests make, and a unique prefix per run so that a
// rerun against the same database (the reference) never collides with older users.
export const GOOD_PASSWORD = 'Gh-browser-Pass-4242!';
export const RUN = 'bt' + Date.now().toString(36).slice(-6);

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

const MIME = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.gif': 'image/gif', '.woff': 'font/woff', '.woff2': 'font/woff2', '.txt': 'text/plain' };

export async function newContext(browser, viewport = DESKTOP) {
  const context = await browser.newContext({ baseURL: BASE_URL, viewport, locale: 'en-US' });
  context.setDefaultTimeout(10_000);
  context.setDefaultNavigationTimeout(20_000);
  if (STATIC_FALLBACK_DIR) {
    await context.route(`${BASE_URL}/static/**`, async (route) => {
      const rel = decodeURIComponent(new URL(route.request().url()).pathname.replace(/^\/static\//, ''));
      const file = normalize(join(STATIC_FALLBACK_DIR, rel));
      if (!file.startsWith(normalize(STATIC_FALLBACK_DIR) + '/') || !existsSync(file)) return route.continue();
      if (!staticCache.has(file)) staticCache.set(file, readFileSync(file));
      return route.fulfill({ status: 200, body: staticCache.get(file), contentType: MIME[extname(file)] || 'application/octet-stream' });
    });
  }
  return context;
}

// Saves <SCREENSHOT_DIR>/<name>.png and prints its absolute path as it is saved.
export async function shot(page, name, { fullPage = true } = {}) {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  process.stdout.write(`screenshot: ${file}\n`);
  if (MANIFEST) appendFileSync(MANIFEST, file + '\n');
  return file;
}

// Screenshots every page of a context when a test fails, then rethrows.
export async function onFailure(context, name, fn) {
  try {
    return await fn();
  } catch (error) {
    for (const [i, page] of (context?.pages() || []).entries()) {
      try { await shot(page, `FAILED-${name}${i ? '-' + i : ''}`); } catch { /* the page may be gone */ }
    }
    throw error;
  }
}

export function path(page) {
  return new URL(page.url()).pathname;
}

// Clicks something that submits a form or follows a link, and waits for the next page.
export async function clickAndWait(page, locator) {
  await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), locator.click()]);
}

export async function textOf(locator) {
  return (await locator.allInnerTexts()).join('\n').replace(/\s+/g, ' ').trim();
}

// Asserts that at least one element matching selector is visible and returns the text of
// the visible ones.
export async function visibleText(page, selector, message) {
  const shown = page.locator(selector).filter({ visible: true });
  await shown.first().waitFor({ state: 'visible', timeout: 5_000 }).catch(() => {
    assert.fail(`${message || selector}: nothing visible matches "${selector}" on ${page.url()}`);
  });
  return textOf(shown);
}

// The submit button of the form that holds `inside` (a selector inside the form).
export function submitOf(page, inside) {
  return page.locator(`form:has(${inside})`).locator('input[type=submit], button[type=submit], button:not([type])').first();
}

export async function login(page, username, password) {
  await page.goto('/admin/login/');
  await page.locator('#id_username').fill(username);
  await page.locator('#id_password').fill(password);
  await clickAndWait(page, submitOf(page, '#id_password'));
}

export async function assertLoggedIn(page) {
  assert.match(path(page), /^\/admin\/$/, `expected the admin index after logging in, got ${page.url()}`);
  const users = page.getByRole('link', { name: 'Users', exact: true }).first();
  const groups = page.getByRole('link', { name: 'Groups', exact: true }).first();
  await users.waitFor({ state: 'visible' });
  await groups.waitFor({ state: 'visible' });
  assert.match(await users.getAttribute('href'), /\/admin\/auth\/user\/$/);
  assert.match(await groups.getAttribute('href'), /\/admin\/auth\/group\/$/);
}

// The success message after a save or an action.
export async function successMessage(page) {
  return visibleText(page, '.messagelist .success', 'success message');
}

// Adds a user through /admin/auth/user/add/ and returns its id (from the change page URL).
export async function addUser(page, username, password = GOOD_PASSWORD) {
  await page.goto('/admin/auth/user/add/');
  await page.locator('#id_username').fill(username);
  await page.locator('#id_password1').fill(password);
  await page.locator('#id_password2').fill(password);
  await clickAndWait(page, page.locator('input[name=_save], button[name=_save]').first());
  const m = path(page).match(/^\/admin\/auth\/user\/(\d+)\/change\/$/);
  assert.ok(m, `adding ${username} should land on its change page, got ${page.url()}`);
  return Number(m[1]);
}

export async function saveChangeForm(page) {
  await clickAndWait(page, page.locator('input[name=_save], button[name=_save]').first());
}

// The usernames in the changelist's result rows (the first link of each row).
export async function resultUsernames(page) {
  const rows = page.locator('#result_list tbody tr');
  const names = [];
  for (const row of await rows.all()) names.push((await row.locator('a').first().innerText()).trim());
  return names;
}

// ---- the dual-list permission/group picker ----------------------------------------------
//
// gatehouse: the <select multiple class="filtered" name=F id=id_F> stays (hidden) as the form
// field; beside it a .selector holds .selector-available (input.selector-filter,
// select.selector-available-list), button.selector-add, button.selector-remove and
// .selector-chosen select.selector-chosen-list.
// Django (SelectFilter2.js): #id_F_input, #id_F_from, #id_F_add_link, #id_F_remove_link, #id_F_to.
// Without JavaScript (the reference served without static files): the plain select.

async function firstPresent(candidates) {
  for (const loc of candidates) if (await loc.count()) return loc.first();
  return null;
}

export async function picker(page, field) {
  const findRoot = () => firstPresent([
    page.locator(`.selector:has(select[name="${field}"])`),
    page.locator(`.field-${field} .selector`),
    page.locator(`#id_${field} ~ .selector`),
  ]);
  let root = await findRoot();
  if (!root) {
    // The widget is built by script after the page loads; give it a moment.
    await page.waitForSelector('.selector', { timeout: PICKER_REQUIRED ? 5_000 : 1_500 }).catch(() => {});
    root = await findRoot();
  }
  if (!root) {
    assert.ok(!PICKER_REQUIRED, `no .selector picker for ${field} on ${page.url()}`);
    return plainPicker(page, field);
  }
  const part = async (name, gatehouse, django) => {
    const loc = await firstPresent([root.locator(gatehouse), page.locator(django)]);
    assert.ok(loc, `picker ${field}: no ${name} (${gatehouse} or ${django})`);
    return loc;
  };
  const filter = await part('filter input', '.selector-available input.selector-filter', `#id_${field}_input`);
  const available = await part('available list', '.selector-available select.selector-available-list', `#id_${field}_from`);
  const add = await part('add button', 'button.selector-add', `#id_${field}_add_link`);
  const remove = await part('remove button', 'button.selector-remove', `#id_${field}_remove_link`);
  const chosen = await part('chosen list', '.selector-chosen select.selector-chosen-list', `#id_${field}_to`);
  const labels = (select, onlyShown) => select.evaluate((el, onlyShown) => [...el.options]
    .filter((o) => !onlyShown || (!o.hidden && o.style.display !== 'none'))
    .map((o) => o.textContent.trim()), onlyShown);
  const move = async (from, button, pattern, what) => {
    const value = await from.evaluate((el, src) => {
      const re = new RegExp(src, 'i');
      const o = [...el.options].find((o) => re.test(o.textContent.trim()));
      return o ? o.value : null;
    }, pattern.source);
    assert.ok(value !== null, `picker ${field}: no option matching ${pattern} in the ${what} list (${(await labels(from)).join('; ')})`);
    await from.selectOption(value);
    await button.click();
  };
  return {
    mode: 'widget',
    async filter(text) {
      await filter.fill('');
      await filter.pressSequentially(text);
      const shown = await labels(available, true);
      const words = text.toLowerCase().split(/\s+/);
      assert.ok(shown.length > 0, `picker ${field}: filtering "${text}" left nothing in the available list`);
      for (const l of shown) assert.ok(words.every((w) => l.toLowerCase().includes(w)), `picker ${field}: "${l}" is shown for filter "${text}"`);
      return shown;
    },
    async clearFilter() { await filter.fill(''); await filter.press('Backspace'); },
    add: (pattern) => move(available, add, pattern, 'available'),
    remove: (pattern) => move(chosen, remove, pattern, 'chosen'),
    chosen: () => labels(chosen, false),
    available: () => labels(available, true),
  };
}

function plainPicker(page, field) {
  const select = page.locator(`select[name="${field}"]`).first();
  const selected = () => select.evaluate((el) => [...el.selectedOptions].map((o) => o.textContent.trim()));
  const change = (pattern, on) => select.evaluate((el, [src, on]) => {
    const re = new RegExp(src, 'i');
    const o = [...el.options].find((o) => re.test(o.textContent.trim()));
    if (!o) return false;
    o.selected = on;
    el.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  }, [pattern.source, on]);
  process.stdout.write(`note: ${field} has no dual-list picker here (no admin JavaScript); using the plain <select multiple>\n`);
  return {
    mode: 'plain',
    async filter(text) { return []; },
    async clearFilter() {},
    async add(pattern) { assert.ok(await change(pattern, true), `${field}: no option matching ${pattern}`); },
    async remove(pattern) { assert.ok(await change(pattern, false), `${field}: no option matching ${pattern}`); },
    chosen: selected,
    available: () => select.evaluate((el) => [...el.options].filter((o) => !o.selected).map((o) => o.textContent.trim())),
  };
}

// ---- log out: gatehouse and Django 4.1+ post a form (.logout-form / #logout-form); Django
// 3.2 has a link.
export async function logOut(page) {
  const form = page.locator('form.logout-form, form#logout-form').first();
  if (await form.count()) {
    const button = form.locator('button[type=submit], button:not([type]), input[type=submit]').first();
    assert.match((await button.innerText().catch(() => '')) || (await button.getAttribute('value')) || '', /log ?out/i);
    await clickAndWait(page, button);
  } else {
    await clickAndWait(page, page.getByRole('link', { name: /^log ?out$/i }).first());
  }
}

// ---- the JSON API ------------------------------------------------------------------------
export async function obtainToken(username, password) {
  const response = await fetch(`${BASE_URL}/api/token/`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}

export async function apiGet(pathname, access) {
  const response = await fetch(`${BASE_URL}${pathname}`, { headers: { Authorization: `Bearer ${access}`, Accept: 'application/json' } });
  const body = await response.json().catch(() => null);
  return { status: response.status, body };
}
