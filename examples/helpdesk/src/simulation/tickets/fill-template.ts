import type { Customer, Invoice } from './customer-directory';

/** The values a ticket text may mention, drawn once per ticket. */
export interface TemplateValues {
  name: string;
  email: string;
  invoice: string;
  amount: string;
  month: string;
  workspace: string;
  role: string;
  browser: string;
  app: string;
  card: string;
  phone: string;
}

// Luhn-valid test card numbers, so the PII detector recognises them as cards.
const cards = ['4111 1111 1111 1111', '5555 5555 5555 4444', '4242 4242 4242 4242'];
const browsers = ['Firefox', 'Chrome', 'Safari', 'Edge'];
const apps = ['iOS', 'Android', 'desktop'];

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

/** Draws the values for one ticket of `customer`; `invoice` pins the invoice when given. */
export function drawTemplateValues(
  customer: Customer,
  random: () => number,
  invoice: Invoice = pick(customer.invoices, random),
): TemplateValues {
  const role = random() < 0.72 ? (random() < 0.6 ? 'viewer' : 'editor') : 'admin';
  return {
    name: customer.name.split(' ')[0] ?? customer.name,
    email: customer.email,
    invoice: invoice.id,
    amount: invoice.amount.toFixed(2),
    month: invoice.month,
    workspace: pick(customer.workspaces, random),
    role,
    browser: pick(browsers, random),
    app: pick(apps, random),
    card: pick(cards, random),
    phone: `+49 30 ${1000 + Math.floor(random() * 8999)} ${1000 + Math.floor(random() * 8999)}`,
  };
}

/** Replaces `{placeholder}`s with the drawn values; unknown ones are left as they are. */
export function fillTemplate(template: string, values: TemplateValues): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) =>
    key in values ? values[key as keyof TemplateValues] : match,
  );
}
