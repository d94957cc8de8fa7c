/**
 * A small Okapi BM25 index of our own: no text-search dependency does "this
 * document against all the others" (more-like-this) with per-word scores
 * for a why line, and this is 60 lines. Standard parameters (k1 = 1.2,
 * b = 0.75) and the non-negative IDF of Lucene: log(1 + (N - n + 0.5) / (n + 0.5)).
 *
 * Documents are token lists (searchTokens.ts); words are interned to numbers
 * and each word keeps a postings list, so a query only visits the documents
 * that share one of its words.
 */

const K1 = 1.2;
const B = 0.75;

export interface TermScore {
  term: string;
  score: number;
}

export class Bm25Index {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per word: the documents holding it and how often, as parallel lists. */
  private readonly postingDocs: number[][] = [];
  private readonly postingCounts: number[][] = [];
  private readonly lengths: Float64Array;
  private readonly averageLength: number;
  /** Per word, computed once: its IDF. Per document: BM25's length normalisation, k1 × (1 − b + b × length ÷ average). */
  private readonly idfs: Float64Array;
  private readonly norms: Float64Array;
  /** Per document: its distinct words (ids), for a query made from the document itself. */
  private readonly documentTerms: Uint32Array[] = [];

  constructor(documents: readonly (readonly string[])[]) {
    this.lengths = new Float64Array(documents.length);
    let total = 0;
    documents.forEach((tokens, doc) => {
      const counts = new Map<number, number>();
      for (const token of tokens) {
        let id = this.termIds.get(token);
        if (id === undefined) {
          id = this.terms.push(token) - 1;
          this.termIds.set(token, id);
          this.postingDocs.push([]);
          this.postingCounts.push([]);
        }
        counts.set(id, (counts.get(id) ?? 0) + 1);
      }
      for (const [id, count] of counts) {
        this.postingDocs[id].push(doc);
        this.postingCounts[id].push(count);
      }
      this.documentTerms.push(Uint32Array.from(counts.keys()));
      this.lengths[doc] = tokens.length;
      total += tokens.length;
    });
    this.averageLength = documents.length ? total / documents.length : 0;
    this.idfs = Float64Array.from(this.postingDocs, (docs) => Math.log(1 + (this.size - docs.length + 0.5) / (docs.length + 0.5)));
    this.norms = this.lengths.map((length) => K1 * (1 - B + (B * length) / (this.averageLength || 1)));
  }

  get size(): number {
    return this.lengths.length;
  }

  private termScore(termId: number, count: number, doc: number): number {
    return (this.idfs[termId] * (count * (K1 + 1))) / (count + this.norms[doc]);
  }

  /**
   * Every document's BM25 score for a query made of document `queryDoc`'s
   * distinct words (each once: a long timeline repeating "checkout" should not
   * outweigh a rare word it names once). Scores are indexed by document;
   * `touched` lists the documents with a score above zero.
   */
  scoresFor(queryDoc: number): { scores: Float64Array; touched: number[] } {
    const scores = new Float64Array(this.size);
    const touched: number[] = [];
    for (const termId of this.documentTerms[queryDoc]) {
      const docs = this.postingDocs[termId];
      const counts = this.postingCounts[termId];
      const weight = this.idfs[termId] * (K1 + 1);
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i];
        if (scores[doc] === 0) touched.push(doc);
        scores[doc] += (weight * counts[i]) / (counts[i] + this.norms[doc]);
      }
    }
    return { scores, touched };
  }

  /** The words two documents share, with what each adds to `doc`'s score, highest first. */
  sharedTerms(queryDoc: number, doc: number): TermScore[] {
    const own = new Set(this.documentTerms[queryDoc]);
    const shared: TermScore[] = [];
    for (const termId of this.documentTerms[doc]) {
      if (!own.has(termId)) continue;
      const at = sortedIndexOf(this.postingDocs[termId], doc);
      shared.push({ term: this.terms[termId], score: this.termScore(termId, this.postingCounts[termId][at], doc) });
    }
    return shared.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
  }
}

/** Where `value` is in an ascending list (postings are built in document order). */
function sortedIndexOf(list: readonly number[], value: number): number {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (list[middle] === value) return middle;
    if (list[middle] < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}
