import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { Reviewer } from '../app/reviewers';

export type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export interface PageFrame {
  title: string;
  reviewer?: Reviewer | undefined;
  csrfToken?: string | undefined;
  /** Extra scripts this page needs, served from /assets. */
  scripts?: string[];
  styles?: string[];
}

const nav = [
  ['/inbox', 'Inbox'],
  ['/actions', 'Actions'],
  ['/health', 'Health'],
  ['/tickets/new', 'New ticket'],
] as const;

/** The page frame: navigation, who is signed in, and a sign-out form with its CSRF token. */
export function layout(frame: PageFrame, body: Html) {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${frame.title} · guardloop console</title>
    <link rel="icon" href="/favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="/assets/console.css" />
    ${(frame.styles ?? []).map((href) => html`<link rel="stylesheet" href="${href}" />`)}
  </head>
  <body>
    <header>
      <strong>guardloop console</strong>
      ${
        frame.reviewer
          ? html`<nav>${nav.map(([href, label]) => html`<a href="${href}">${label}</a>`)}</nav>
            <span class="who" data-testid="reviewer">${frame.reviewer.name} (${frame.reviewer.roles.join(', ')})</span>
            <form method="post" action="/sign-out" class="inline">
              <input type="hidden" name="csrf" value="${frame.csrfToken ?? ''}" />
              <button type="submit">Sign out</button>
            </form>`
          : ''
      }
    </header>
    <main>${body}</main>
    ${(frame.scripts ?? []).map((src) => html`<script src="${src}" defer></script>`)}
    <script src="/assets/console.js" defer></script>
  </body>
</html>`;
}

export const csrfField = (token: string) =>
  html`<input type="hidden" name="csrf" value="${token}" />`;

export const json = (value: unknown) =>
  html`<pre class="json">${JSON.stringify(value, null, 2)}</pre>`;

export const time = (epochMs: number | null) =>
  epochMs === null
    ? '—'
    : html`<time datetime="${new Date(epochMs).toISOString()}">${new Date(epochMs).toISOString().replace('T', ' ').slice(0, 19)}</time>`;

/** An error page: the status, the message and, for a 400, every field error. */
export function errorBody(
  status: number,
  message: string,
  fieldErrors: Array<{ field: string; message: string }>,
) {
  return html`<h1>Refused (${status})</h1>
    <p class="error" data-testid="error-message">${message}</p>
    ${
      fieldErrors.length > 0
        ? html`<ul class="field-errors" data-testid="field-errors">
          ${fieldErrors.map((error) => html`<li><code>${error.field}</code>: ${error.message}</li>`)}
        </ul>`
        : ''
    }
    <p><a href="/inbox">Back to the inbox</a></p>`;
}
