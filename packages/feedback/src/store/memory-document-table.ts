import type { FeedbackPutResult } from './feedback-store';

interface Revisioned {
  id: string;
  revision: number;
}

/** A map of documents with compare-and-set writes; copies in and out so callers cannot alias it. */
export function createMemoryDocumentTable<Document extends Revisioned>() {
  const documents = new Map<string, Document>();
  return {
    get: (id: string): Document | undefined => {
      const document = documents.get(id);
      return document && structuredClone(document);
    },
    put(document: Document, expectedRevision: number | null): FeedbackPutResult<Document> {
      const current = documents.get(document.id);
      if ((current?.revision ?? null) !== expectedRevision) {
        return current ? { ok: false, current: structuredClone(current) } : { ok: false };
      }
      documents.set(document.id, structuredClone(document));
      return { ok: true, record: structuredClone(document) };
    },
    /** Matching documents, copied, in `compare` order. */
    filter(
      predicate: (document: Document) => boolean,
      compare: (a: Document, b: Document) => number,
    ): Document[] {
      return [...documents.values()]
        .filter(predicate)
        .sort(compare)
        .map((document) => structuredClone(document));
    },
  };
}
