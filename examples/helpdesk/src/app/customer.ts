/** A customer account of the toy SaaS product behind the help desk. */
export interface Customer {
  id: string;
  accountId: string;
  name: string;
  email: string;
  /** The company account the customer belongs to; budgets and rate limits count per tenant. */
  tenant: string;
  plan: 'pro' | 'business' | 'enterprise';
  status: 'active' | 'suspended';
  accountAgeDays: number;
  workspaces: string[];
  invoices: Invoice[];
  /** Second factors enrolled (authenticator app, security key...). */
  mfaFactors: string[];
}

export interface Invoice {
  id: string;
  amount: number;
  month: string;
}
