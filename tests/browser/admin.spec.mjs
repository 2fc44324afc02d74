// The admin panel in a real browser (Debian's Chromium through playwright-core): log in, add
// a user (weak then good password), set permissions with the pickers, deactivate, search and
// filter, bulk-delete, change one's own password, log out. Screenshots of the main pages go
// to SCREENSHOT_DIR. The tests run in order and share the users they make; names carry a
// per-run prefix (RUN) so they can run again against the same database.
//
// Run through tests/browser/run.sh (it starts gatehouse); BASE_URL, ADMIN_USER and
// ADMIN_PASSWORD point them elsewhere, e.g. at the Django reference.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  ADMIN_PASSWORD, ADMIN_USER, DESKTOP, GOOD_PASSWORD, MOBILE, RUN,
  addUser, apiGet, assertLoggedIn, clickAndWait, launch, logOut, login, newContext, obtainToken,
  onFailure, path, picker, resultUsernames, saveChangeForm, shot, submitOf, successMessage, textOf, visibleText,
} from './lib.mjs';

const VIEW_USER = /\|\s*user\s*\|\s*Can view user$/; // "auth | user | Can view user"
const TIMEOUT = { timeout: 60_000 };

let browser;
let admin; // a context logged in as ADMIN_USER, shared by the tests below
let page;
const made = {}; // what earlier tests made: { group, alice: {id, name}, others: [...] }

let adminLoginError;
async function adminPage() {
  if (adminLoginError) throw new Error(`logging in as ${ADMIN_USER} failed earlier: ${adminLoginError.message}`);
  if (!admin) {
    const context = await newContext(browser);
    try {
      await onFailure(context, 'admin-login', async () => {
        const p = await context.newPage();
        await login(p, ADMIN_USER, ADMIN_PASSWORD);
        await assertLoggedIn(p);
        page = p;
      });
    } catch (error) {
      adminLoginError = error;
      await context.close();
      throw error;
    }
    admin = context;
  }
  return page;
}

function needs(key, testName) {
  assert.ok(made[key], `this test needs what "${testName}" makes, and that test failed`);
  return made[key];
}

before(async () => { browser = await launch(); });
after(async () => { await admin?.close(); await browser?.close(); });

describe('gatehouse admin in Chromium', { concurrency: 1 }, () => {
  test('log in: the login page, a wrong password, then the index', TIMEOUT, async () => {
    const context = await newContext(browser);
    await onFailure(context, 'login', async () => {
      const p = await context.newPage();
      await p.goto('/admin/login/');
      await p.locator('#id_username').waitFor({ state: 'visible' });
      await p.locator('#id_password').waitFor({ state: 'visible' });
      await shot(p, '01-login');
      await p.goto('/admin/');
      assert.match(path(p), /^\/admin\/login\/$/, `/admin/ without a session should redirect to the login page, got ${p.url()}`);
      assert.match(new URL(p.url()).search, /next=(%2F|\/)admin(%2F|\/)/, 'the redirect keeps ?next=/admin/');

      await p.locator('#id_username').fill(ADMIN_USER);
      await p.locator('#id_password').fill(ADMIN_PASSWORD + '-wrong');
      await clickAndWait(p, submitOf(p, '#id_password'));
      assert.match(path(p), /^\/admin\/login\/$/, 'a wrong password stays on the login page');
      assert.match(await visibleText(p, '.errornote, .errorlist', 'login error'), /correct username and password/i);
      assert.equal(await p.locator('#id_username').inputValue(), ADMIN_USER, 'the username is kept after a failed login');
      await shot(p, '02-login-wrong-password');

      await p.locator('#id_password').fill(ADMIN_PASSWORD);
      await clickAndWait(p, submitOf(p, '#id_password'));
      await assertLoggedIn(p);
      assert.match(await textOf(p.locator('body')), new RegExp(`welcome,?\\s*${ADMIN_USER}`, 'i'));
      await shot(p, '03-index');
    });
    await context.close();
  });

  test('add a group with the permissions picker', TIMEOUT, async () => {
    const p = await adminPage();
    await onFailure(admin, 'add-group', async () => {
      const name = `${RUN}-user-viewers`;
      await p.goto('/admin/auth/group/add/');
      await p.locator('#id_name').fill(name);
      const perms = await picker(p, 'permissions');
      await perms.filter('view user');
      await perms.add(VIEW_USER);
      assert.ok((await perms.chosen()).some((l) => VIEW_USER.test(l)), 'the permission moved to the chosen list');
      await shot(p, '04-group-add-picker');
      await saveChangeForm(p);
      assert.match(await successMessage(p), new RegExp(`group .${name}. was added`, 'i'));

      // Reopen it: the permission was saved.
      await p.goto(`/admin/auth/group/?q=${encodeURIComponent(name)}`);
      await clickAndWait(p, p.locator('#result_list tbody tr a', { hasText: name }).first());
      assert.match(path(p), /^\/admin\/auth\/group\/\d+\/change\/$/);
      assert.equal(await p.locator('#id_name').inputValue(), name);
      const reopened = await picker(p, 'permissions');
      assert.deepEqual((await reopened.chosen()).filter((l) => VIEW_USER.test(l)).length, 1, 'the group has auth.view_user');
      made.group = name;
    });
  });

  test('add a user: a weak password is refused, a good one lands on the change page', TIMEOUT, async () => {
    const p = await adminPage();
    await onFailure(admin, 'add-user', async () => {
      const name = `${RUN}-alice`;
      await p.goto('/admin/auth/user/add/');
      await shot(p, '05-user-add');
      await p.locator('#id_username').fill(name);
      await p.locator('#id_password1').fill('password');
      await p.locator('#id_password2').fill('password');
      await clickAndWait(p, p.locator('input[name=_save], button[name=_save]').first());
      assert.match(path(p), /^\/admin\/auth\/user\/add\/$/, 'a weak password keeps the add page');
      await visibleText(p, '.errornote', 'the error note');
      assert.match(await visibleText(p, '.errorlist', 'the field errors'), /password is too common/i);
      assert.equal(await p.locator('#id_username').inputValue(), name, 'the username is kept');
      await shot(p, '06-user-add-weak-password');

      await p.locator('#id_password1').fill(GOOD_PASSWORD);
      await p.locator('#id_password2').fill(GOOD_PASSWORD);
      await clickAndWait(p, p.locator('input[name=_save], button[name=_save]').first());
      const m = path(p).match(/^\/admin\/auth\/user\/(\d+)\/change\/$/);
      assert.ok(m, `a good password lands on the change page, got ${p.url()}`);
      assert.match(await successMessage(p), new RegExp(`user .${name}. was added`, 'i'));
      assert.equal(await p.locator('#id_username').inputValue(), name);
      await shot(p, '07-user-change');
      made.alice = { id: Number(m[1]), name };

      // The new user can already obtain a token (the password was saved and hashed).
      assert.equal((await obtainToken(name, GOOD_PASSWORD)).status, 200);
    });
  });

  test('set permissions and groups with the pickers; the API honours them', TIMEOUT, async () => {
    const p = await adminPage();
    const alice = needs('alice', 'add a user');
    const group = needs('group', 'add a group');
    await onFailure(admin, 'permissions', async () => {
      const token = await obtainToken(alice.name, GOOD_PASSWORD);
      assert.equal(token.status, 200);
      assert.equal((await apiGet('/api/users/', token.body.access)).status, 403, 'no view_user yet');

      const changeUrl = `/admin/auth/user/${alice.id}/change/`;
      await p.goto(changeUrl);
      const perms = await picker(p, 'user_permissions');
      await perms.filter('view user');
      await perms.add(VIEW_USER);
      assert.ok((await perms.chosen()).some((l) => VIEW_USER.test(l)), 'the permission moved to the chosen list');
      assert.ok(!(await perms.available()).some((l) => VIEW_USER.test(l)), 'and left the available list');
      const groups = await picker(p, 'groups');
      await groups.add(new RegExp(`^${group}$`));
      assert.deepEqual(await groups.chosen(), [group]);
      await p.locator('#id_is_staff').check();
      await shot(p, '08-user-change-pickers');
      await saveChangeForm(p);
      assert.match(path(p), /^\/admin\/auth\/user\/$/, 'save goes back to the list');
      assert.match(await successMessage(p), new RegExp(`user .${alice.name}. was changed`, 'i'));

      // Reopen: the permission, the group and staff status were saved.
      await p.goto(changeUrl);
      const again = await picker(p, 'user_permissions');
      assert.deepEqual((await again.chosen()).filter((l) => VIEW_USER.test(l)).length, 1, 'view_user is chosen after reopening');
      assert.deepEqual(await (await picker(p, 'groups')).chosen(), [group], 'the group is chosen after reopening');
      assert.ok(await p.locator('#id_is_staff').isChecked(), 'staff status was saved');
      await shot(p, '09-user-change-saved');
      const mobile = await admin.newPage();
      await mobile.setViewportSize(MOBILE);
      await mobile.goto(changeUrl);
      await shot(mobile, '09-user-change-mobile');
      await mobile.close();

      // The API: auth.view_user lets the user list users.
      const access = (await obtainToken(alice.name, GOOD_PASSWORD)).body.access;
      const list = await apiGet('/api/users/', access);
      assert.equal(list.status, 200, 'view_user grants GET /api/users/');
      const rows = Array.isArray(list.body) ? list.body : list.body.results;
      assert.ok(rows.some((u) => u.username === alice.name && u.is_staff === true), 'the list shows the user, now staff');

      // Remove the direct permission with the picker: the group still grants it.
      await p.goto(changeUrl);
      await (await picker(p, 'user_permissions')).remove(VIEW_USER);
      await saveChangeForm(p);
      await successMessage(p);
      assert.equal((await apiGet('/api/users/', access)).status, 200, 'the group still grants view_user');
      // Remove the group too: no more view_user.
      await p.goto(changeUrl);
      assert.equal((await (await picker(p, 'user_permissions')).chosen()).length, 0, 'the direct permission is gone');
      await (await picker(p, 'groups')).remove(new RegExp(`^${group}$`));
      await saveChangeForm(p);
      await successMessage(p);
      assert.equal((await apiGet('/api/users/', access)).status, 403, 'without the group, no view_user');
      made.staff = true;
    });
  });

  test('deactivate a user: the API refuses its credentials', TIMEOUT, async () => {
    const p = await adminPage();
    const alice = needs('alice', 'add a user');
    await onFailure(admin, 'deactivate', async () => {
      assert.equal((await obtainToken(alice.name, GOOD_PASSWORD)).status, 200, 'active users get tokens');
      await p.goto(`/admin/auth/user/${alice.id}/change/`);
      assert.ok(await p.locator('#id_is_active').isChecked(), 'a new user is active');
      await p.locator('#id_is_active').uncheck();
      await saveChangeForm(p);
      assert.match(await successMessage(p), new RegExp(`user .${alice.name}. was changed`, 'i'));
      await p.goto(`/admin/auth/user/${alice.id}/change/`);
      assert.ok(!(await p.locator('#id_is_active').isChecked()), 'inactive after saving');
      assert.equal((await obtainToken(alice.name, GOOD_PASSWORD)).status, 401, 'an inactive user gets no token');
    });
  });

  test('search and filter the user list', TIMEOUT, async () => {
    const p = await adminPage();
    const alice = needs('alice', 'add a user');
    needs('staff', 'set permissions');
    await onFailure(admin, 'search', async () => {
      const others = [`${RUN}-bob`, `${RUN}-carol`, `${RUN}-dave`];
      for (const name of others) await addUser(p, name);
      made.others = others;

      await p.goto('/admin/auth/user/');
      const all = await resultUsernames(p);
      assert.ok(all.includes(ADMIN_USER) && all.length >= 5, `the unfiltered list shows everyone (${all.length} rows)`);
      await p.locator('#searchbar').fill(RUN);
      await Promise.all([p.waitForNavigation(), p.locator('#searchbar').press('Enter')]);
      assert.equal(new URL(p.url()).searchParams.get('q'), RUN);
      assert.deepEqual((await resultUsernames(p)).sort(), [alice.name, ...others].sort(), 'the search finds exactly the run\'s users');
      assert.equal(await p.locator('#searchbar').inputValue(), RUN, 'the search box keeps the term');
      await shot(p, '10-changelist-search');

      const yes = p.locator('#changelist-filter a[href*="is_staff__exact=1"]').first();
      assert.equal((await yes.innerText()).trim(), 'Yes');
      await clickAndWait(p, yes);
      const params = new URL(p.url()).searchParams;
      assert.equal(params.get('is_staff__exact'), '1');
      assert.equal(params.get('q'), RUN, 'the filter keeps the search');
      assert.deepEqual(await resultUsernames(p), [alice.name], 'only the staff user');
      await shot(p, '11-changelist-filter-staff');

      const no = p.locator('#changelist-filter a[href*="is_staff__exact=0"]').first();
      assert.equal((await no.innerText()).trim(), 'No');
      await clickAndWait(p, no);
      assert.deepEqual((await resultUsernames(p)).sort(), [...others].sort(), 'only the non-staff users');

      await p.goto('/admin/auth/user/');
      await shot(p, '12-changelist');
      const mobile = await admin.newPage();
      await mobile.setViewportSize(MOBILE);
      await mobile.goto('/admin/auth/user/');
      await shot(mobile, '12-changelist-mobile');
      await mobile.close();
    });
  });

  test('bulk-delete users with the delete_selected action', TIMEOUT, async () => {
    const p = await adminPage();
    const alice = needs('alice', 'add a user');
    const others = needs('others', 'search and filter');
    await onFailure(admin, 'bulk-delete', async () => {
      await p.goto(`/admin/auth/user/?q=${encodeURIComponent(RUN)}`);
      for (const name of others) {
        const row = p.locator('#result_list tbody tr').filter({ has: p.locator('a', { hasText: new RegExp(`^${name}$`) }) });
        assert.equal(await row.count(), 1, `one row for ${name}`);
        await row.locator('input.action-select').check();
      }
      await p.locator('select[name=action]').first().selectOption('delete_selected');
      const go = p.locator('.actions button[name=index], button[name=index], .actions button[type=submit]').first();
      await clickAndWait(p, go);
      const confirm = await textOf(p.locator('body'));
      assert.match(confirm, /are you sure/i, 'a confirmation page');
      for (const name of others) assert.ok(confirm.includes(name), `the confirmation lists ${name}`);
      assert.ok(!confirm.includes(alice.name), 'and only the selected users');
      await shot(p, '13-delete-confirmation');

      await clickAndWait(p, p.locator('input[type=submit][value^="Yes"], button[type=submit]:has-text("Yes")').first());
      assert.match(path(p), /^\/admin\/auth\/user\/$/);
      assert.match(await successMessage(p), /successfully deleted 3 users/i);
      await p.goto(`/admin/auth/user/?q=${encodeURIComponent(RUN)}`);
      assert.deepEqual(await resultUsernames(p), [alice.name], 'the deleted users are gone');
      for (const name of others) assert.equal((await obtainToken(name, GOOD_PASSWORD)).status, 401, `${name} cannot log in`);
    });
  });

  test('change one\'s own password, log out, log in with the new one', TIMEOUT, async () => {
    // A dedicated superuser, so the main admin's password never changes.
    const p0 = await adminPage();
    const name = `${RUN}-root`;
    const newPassword = 'Gh-browser-Changed-5151!';
    await onFailure(admin, 'password-setup', async () => {
      const id = await addUser(p0, name);
      await p0.locator('#id_is_staff').check();
      await p0.locator('#id_is_superuser').check();
      await saveChangeForm(p0);
      await successMessage(p0);
      await p0.goto(`/admin/auth/user/${id}/change/`);
      assert.ok(await p0.locator('#id_is_superuser').isChecked());
    });

    const context = await newContext(browser, DESKTOP);
    await onFailure(context, 'password-change', async () => {
      const p = await context.newPage();
      await login(p, name, GOOD_PASSWORD);
      await assertLoggedIn(p);
      await clickAndWait(p, p.getByRole('link', { name: /change password/i }).first());
      assert.match(path(p), /^\/admin\/password_change\/$/);

      await p.locator('[name=old_password]').fill('not-my-password');
      await p.locator('[name=new_password1]').fill(newPassword);
      await p.locator('[name=new_password2]').fill(newPassword);
      await clickAndWait(p, submitOf(p, '[name=old_password]'));
      assert.match(path(p), /^\/admin\/password_change\/$/);
      assert.match(await visibleText(p, '.errorlist', 'old password error'), /old password was entered incorrectly/i);

      await p.locator('[name=old_password]').fill(GOOD_PASSWORD);
      await p.locator('[name=new_password1]').fill(newPassword);
      await p.locator('[name=new_password2]').fill(newPassword);
      await shot(p, '14-password-change');
      await clickAndWait(p, submitOf(p, '[name=old_password]'));
      assert.match(path(p), /^\/admin\/password_change\/done\/$/);
      assert.match(await textOf(p.locator('body')), /password (change successful|was changed)/i);
      await shot(p, '15-password-change-done');

      // Still logged in after the change (the session survives one's own password change).
      await p.goto('/admin/');
      await assertLoggedIn(p);

      await logOut(p);
      const body = await textOf(p.locator('body'));
      const loggedOut = /logged out|thanks for spending/i.test(body + ' ' + await p.title());
      assert.ok(loggedOut || /^\/admin\/login\/$/.test(path(p)), `the logged-out page, got ${p.url()}`);
      await shot(p, '16-logged-out');
      await p.goto('/admin/');
      assert.match(path(p), /^\/admin\/login\/$/, '/admin/ redirects to the login page after logging out');

      await login(p, name, GOOD_PASSWORD);
      assert.match(path(p), /^\/admin\/login\/$/, 'the old password no longer works');
      await visibleText(p, '.errornote', 'login error');
      await login(p, name, newPassword);
      await assertLoggedIn(p);
      assert.equal((await obtainToken(name, newPassword)).status, 200, 'the API takes the new password');
    });
    await context.close();
  });
});

