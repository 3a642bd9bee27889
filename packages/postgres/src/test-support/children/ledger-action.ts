import { appendFileSync } from 'node:fs';
import { defineAction } from '@guardloop/undo-log';
import { z } from 'zod';

const input = z.object({ path: z.string().min(1), cents: z.number().int().positive() });

/**
 * Crash-test actions whose every `do` appends a line to a ledger file, so a test counts how
 * often the effect happened (a payment). With `hang`, `do` appends, says `effect-applied` on
 * stdout and never returns, so the test can SIGKILL the process inside it. Neither has
 * `isComplete`: recovery cannot confirm the effect, as with a payment provider that cannot
 * be asked.
 */
export function createLedgerActions({ hang }: { hang: boolean }) {
  const pay = async ({ path, cents }: z.output<typeof input>) => {
    appendFileSync(path, `${cents}\n`);
    if (!hang) return { paid: cents };
    console.log('effect-applied');
    // An unresolved promise alone would let Node exit; the interval keeps it alive.
    setInterval(() => {}, 1_000);
    return new Promise<never>(() => {});
  };
  const sendPayment = defineAction({ name: 'send_payment', input, reversible: false, do: pay });
  const ledgerEntry = defineAction({
    name: 'ledger_entry',
    input,
    reversible: true,
    do: pay,
    undo: ({ path, cents }) => appendFileSync(path, `-${cents}\n`),
  });
  return { sendPayment, ledgerEntry };
}

/** How often `do` ran (undo lines start with `-`). */
export function countPayments(ledger: string): number {
  return ledger.split('\n').filter((line) => line !== '' && !line.startsWith('-')).length;
}
