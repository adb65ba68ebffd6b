// The sign-in form: username and password, a message area, and a busy state while the API answers.
import { h, uniqueId } from './dom';

/** What the form needs: where to send the credentials (answers an error message, or undefined on success). */
export interface SigninViewOptions {
  /** Shown above the form, e.g. why the user was signed out. */
  notice?: string | undefined;
  onSubmit(username: string, password: string): Promise<string | undefined>;
}

/** Builds the sign-in screen. */
export function signinView(options: SigninViewOptions): HTMLElement {
  const userId = uniqueId('username');
  const passId = uniqueId('password');
  const username = h('input', {
    id: userId,
    name: 'username',
    autocomplete: 'username',
    required: true,
    maxlength: 64,
    autocapitalize: 'none',
    spellcheck: 'false',
  });
  const password = h('input', {
    id: passId,
    name: 'password',
    type: 'password',
    autocomplete: 'current-password',
    required: true,
    maxlength: 1024,
  });
  const message = h('p', { class: 'message', role: 'alert' }, options.notice ?? '');
  const submit = h('button', { type: 'submit', class: 'primary' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Footfall'),
    h('p', { class: 'hint' }, 'Sign in to see your sites’ statistics.'),
    message,
    h('label', { for: userId }, 'Username'),
    username,
    h('label', { for: passId }, 'Password'),
    password,
    submit,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    submit.disabled = true;
    submit.textContent = 'Signing in…';
    message.textContent = '';
    const problem = await options.onSubmit(username.value.trim(), password.value);
    // On success the app replaces this view; only failures come back here.
    if (problem !== undefined) {
      message.textContent = problem;
      submit.disabled = false;
      submit.textContent = 'Sign in';
      password.select();
      password.focus();
    }
  });
  queueMicrotask(() => username.focus());
  return h('main', { class: 'signin-page' }, form);
}
