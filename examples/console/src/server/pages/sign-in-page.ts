import { html } from 'hono/html';
import type { Reviewer } from '../../app/reviewers';

export function signInPage(reviewers: Reviewer[], csrfToken: string, failed = false) {
  return html`<h1>Sign in</h1>
    ${failed ? html`<p class="error" data-testid="sign-in-failed">Unknown reviewer or wrong passcode.</p>` : ''}
    <form method="post" action="/sign-in" class="decision">
      <input type="hidden" name="csrf" value="${csrfToken}" />
      <label>Reviewer
        <select name="reviewerId">${reviewers.map((reviewer) => html`<option value="${reviewer.id}">${reviewer.name}</option>`)}</select>
      </label>
      <label>Passcode <input name="passcode" type="password" required autocomplete="current-password" /></label>
      <button type="submit">Sign in</button>
    </form>`;
}
