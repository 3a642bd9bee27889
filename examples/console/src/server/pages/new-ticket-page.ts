import { html } from 'hono/html';

/** A support form on the console itself: what a help desk's web form posts, through intake. */
export function newTicketPage(csrfToken: string) {
  const field = (name: string, label: string, type = 'text') =>
    html`<label>${label} <input name="${name}" type="${type}" /></label>`;
  return html`<h1>New ticket</h1>
    <p>Filed as the customer would on the help desk's web form: <code>handleSupportForm</code>
      of @guardloop/intake validates it (400 with the field errors) and the ticket enters the loop.</p>
    <form method="post" action="/tickets" class="stack" data-testid="new-ticket">
      <input type="hidden" name="csrf" value="${csrfToken}" />
      ${field('email', 'Customer email', 'email')}
      ${field('name', 'Customer name')}
      ${field('subject', 'Subject')}
      <label>Description <textarea name="description" rows="4"></textarea></label>
      <label>Category <select name="category">
        <option value="billing">billing</option><option value="shipping">shipping</option>
        <option value="privacy">privacy</option><option value="account">account</option>
      </select></label>
      <button type="submit">File the ticket</button>
    </form>`;
}
