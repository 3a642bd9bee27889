import type { Customer, Invoice } from '../../app/customer';

export type { Customer, Invoice };

const tenants = [
  { tenant: 'globex', plan: 'enterprise', weight: 4 },
  { tenant: 'acme', plan: 'business', weight: 3 },
  { tenant: 'initech', plan: 'business', weight: 2 },
  { tenant: 'self-serve', plan: 'pro', weight: 3 },
] as const;

const firstNames = ['Ada', 'Bo', 'Chen', 'Dara', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'June'];
const lastNames = ['Novak', 'Okafor', 'Silva', 'Berg', 'Tanaka', 'Moreau', 'Kowalski', 'Haddad'];
const workspaceNames = ['Finance', 'Marketing', 'Sales', 'Engineering', 'Support', 'Legal'];
const months = ['November', 'December', 'January', 'February'];

const pick = <T>(items: readonly T[], random: () => number): T =>
  items[Math.floor(random() * items.length)] as T;

/**
 * The customers of the simulation, drawn from a seeded PRNG so every replay sees the same
 * accounts. `fraudAccounts` are aged self-serve accounts used by the refund-fraud wave.
 */
export function createCustomerDirectory(
  random: () => number,
  { customers = 60, fraudAccounts = 8 }: { customers?: number; fraudAccounts?: number } = {},
): Customer[] {
  const weights = tenants.flatMap((entry) => Array.from({ length: entry.weight }, () => entry));
  let invoiceNumber = 1040;
  const make = (index: number, fraud: boolean): Customer => {
    const { tenant, plan } = fraud ? tenants[3] : pick(weights, random);
    const first = pick(firstNames, random);
    const last = pick(lastNames, random);
    const id = `cus-${String(index + 1).padStart(3, '0')}`;
    const invoices = months.map((month) => ({
      id: `INV-${invoiceNumber++}`,
      // Enterprise invoices are large; most others stay under the refund threshold.
      amount:
        plan === 'enterprise' ? 180 + Math.round(random() * 300) : 19 + Math.round(random() * 110),
      month,
    }));
    return {
      id,
      accountId: `acc-${String(index + 1).padStart(3, '0')}`,
      name: `${first} ${last}`,
      email: `${first}.${last}${index}@${tenant}.example`.toLowerCase(),
      tenant,
      plan,
      status: !fraud && random() < 0.04 ? 'suspended' : 'active',
      accountAgeDays: fraud ? 20 + Math.round(random() * 35) : 60 + Math.round(random() * 900),
      workspaces: workspaceNames.filter(() => random() < 0.5).concat('Support'),
      invoices,
      mfaFactors: random() < 0.7 ? ['authenticator-app'] : ['authenticator-app', 'security-key'],
    };
  };
  return [
    ...Array.from({ length: customers }, (_, index) => make(index, false)),
    ...Array.from({ length: fraudAccounts }, (_, index) => make(customers + index, true)),
  ];
}
