/** Numerically stable softmax of `values / temperature`. */
export function softmax(values: readonly number[], temperature: number): number[] {
  const scaled = values.map((value) => value / temperature);
  const max = Math.max(...scaled);
  const exponentials = scaled.map((value) => Math.exp(value - max));
  const sum = exponentials.reduce((total, value) => total + value, 0);
  return exponentials.map((value) => value / sum);
}
