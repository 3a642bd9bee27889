/** Texts a scanning rail found clean, remembered across its evaluations. */
export interface CleanTextMemory {
  has(text: string): boolean;
  /** Remembers a text found clean; one over the memory's `maxLength` is not kept. */
  remember(text: string): void;
}

export interface CleanTextMemoryOptions {
  /** Longest text kept. */
  maxLength: number;
  /** Most texts kept; past it the memory starts over. Default 1,024. */
  maxTexts?: number;
  /** Most characters kept in all; past it the memory starts over. Default 262,144. */
  maxCharacters?: number;
}

/**
 * What a rail scans repeats from one decision to the next: keys (`signal`, `payload`,
 * `customerId`...) and, for what goes out, whole values (a macro's reply, a channel name). A rail
 * whose findings depend on a text alone remembers the texts it found clean, so they are not
 * scanned again. Exact texts, not hashes: a collision must never pass a text unscanned. Bounded
 * in texts and in characters (a quarter of a million by default, about 512 KB): past either it
 * starts over. A text with findings is never remembered.
 */
export function createCleanTextMemory({
  maxLength,
  maxTexts = 1024,
  maxCharacters = 262_144,
}: CleanTextMemoryOptions): CleanTextMemory {
  const texts = new Set<string>();
  let characters = 0;
  return {
    has: (text) => texts.has(text),
    remember(text) {
      if (text.length > maxLength || texts.has(text)) return;
      if (texts.size >= maxTexts || characters + text.length > maxCharacters) {
        texts.clear();
        characters = 0;
      }
      texts.add(text);
      characters += text.length;
    },
  };
}
