/** Raw messages that several processes deliver at once: a new one, then a reply to it, per pair. */
export function racedEmails(pairs: number): string[] {
  const messages: string[] = [];
  for (let index = 0; index < pairs; index++) {
    const first = `<case-${index}@mail.customer.example>`;
    const header = (messageId: string, extra: string[]) =>
      [
        `From: Customer ${index} <customer-${index}@customer.example>`,
        'To: support@acme.test',
        `Subject: Case ${index}`,
        `Message-ID: ${messageId}`,
        'Date: Tue, 01 Dec 2026 09:00:00 +0000',
        ...extra,
        'Content-Type: text/plain; charset=utf-8',
        '',
      ].join('\r\n');
    messages.push(`${header(first, [])}\r\nOrder ${index} did not arrive.\r\n`);
    messages.push(
      `${header(`<case-${index}-reply@mail.customer.example>`, [`In-Reply-To: ${first}`, `References: ${first}`])}\r\nStill waiting on order ${index}.\r\n`,
    );
  }
  return messages;
}
