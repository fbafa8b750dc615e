/**
 * The header's sign-in control: a token field when signed out, the name, role and "sign out" when in.
 * The shell renders it again when the session changes.
 */
import type { I18n } from '../i18n/index.ts';
import type { SessionStore } from '../session.ts';
import { explain } from '../errors.ts';
import { h } from './dom.ts';

export function signInControl(session: SessionStore, i18n: I18n, announce: (message: string) => void): HTMLElement {
  const t = i18n.t;
  const box = h('div', { class: 'session', testid: 'session' });

  function render(): void {
    const s = session.current;
    if (s.signedIn) {
      box.replaceChildren(
        h('span', { class: 'session-who', testid: 'session-who' }, t('session.signedInAs', { name: s.name, role: t(`role.${s.role}`) })),
        h('button', { type: 'button', testid: 'sign-out', onclick: () => void act(() => session.signOut(), t('session.signedOut')) }, t('session.signOut')),
      );
      return;
    }
    const token = h('input', { type: 'password', autocomplete: 'off', required: true, placeholder: t('session.token'), 'aria-label': t('session.token'), testid: 'sign-in-token' });
    const form = h(
      'form',
      { class: 'sign-in-form', hidden: true, onsubmit: (e: Event) => (e.preventDefault(), void act(() => session.signIn(token.value.trim()), t('session.signedIn'))) },
      token,
      h('button', { type: 'submit', testid: 'sign-in-submit' }, t('session.submit')),
    );
    const open = h('button', { type: 'button', testid: 'sign-in', 'aria-expanded': 'false', onclick: () => {
      form.hidden = !form.hidden;
      open.setAttribute('aria-expanded', String(!form.hidden));
      if (!form.hidden) token.focus();
    } }, t('session.signIn'));
    box.replaceChildren(open, form);
  }

  async function act(work: () => Promise<void>, done: string): Promise<void> {
    try {
      await work();
      announce(done);
    } catch (err) {
      announce(t('session.failed', { detail: explain(err, i18n) }));
    }
  }

  render();
  return box;
}
