import type { Hono } from 'hono';
import type { ConsoleEnv } from '../console-env';
import type { ConsoleAppOptions } from '../create-console-app';
import { HttpError } from '../http-errors';
import { layout } from '../layout';
import { newTicketPage } from '../pages/new-ticket-page';

/** The web form: intake's field errors are a 400 page, a valid ticket goes through the loop. */
export function registerIntakeRoutes(app: Hono<ConsoleEnv>, { simulation }: ConsoleAppOptions) {
  app.get('/tickets/new', (context) =>
    context.html(
      layout(
        {
          title: 'New ticket',
          reviewer: context.get('reviewer'),
          csrfToken: context.get('csrfToken'),
        },
        newTicketPage(context.get('csrfToken')),
      ),
    ),
  );

  app.post('/tickets', async (context) => {
    const { csrf: _csrf, ...submitted } = await context.req.parseBody();
    const result = await simulation.receiveForm(submitted);
    if (!result.ok)
      throw new HttpError(
        400,
        'The form has errors.',
        Object.entries(result.fieldErrors).flatMap(([field, messages]) =>
          messages.map((message) => ({ field: field || '(form)', message })),
        ),
      );
    return context.redirect(`/tickets/${result.record?.ticket.id}`, 303);
  });
}
