import type { TrainingExample } from './training-example';

export const toyLabels = ['password_reset', 'billing_refund', 'shipping_status'] as const;
export type ToyLabel = (typeof toyLabels)[number];

/** A tiny training set for behaviour tests (the real data set lives in data/). */
export const toyExamples: TrainingExample<ToyLabel>[] = [
  { text: 'I forgot my password', label: 'password_reset' },
  { text: 'please reset my password', label: 'password_reset' },
  { text: 'the password reset link does not work', label: 'password_reset' },
  { text: 'cannot log in, need a new password', label: 'password_reset' },
  { text: 'how do I change my password', label: 'password_reset' },
  { text: 'I was charged twice, refund please', label: 'billing_refund' },
  { text: 'I want my money back for this charge', label: 'billing_refund' },
  { text: 'please refund my last payment', label: 'billing_refund' },
  { text: 'you billed me by mistake, I need a refund', label: 'billing_refund' },
  { text: 'refund the duplicate charge on my card', label: 'billing_refund' },
  { text: 'where is my order', label: 'shipping_status' },
  { text: 'my package has not arrived yet', label: 'shipping_status' },
  { text: 'what is the tracking number of my order', label: 'shipping_status' },
  { text: 'when will my parcel be delivered', label: 'shipping_status' },
  { text: 'the delivery of my order is late', label: 'shipping_status' },
];
