/**
 * Related incidents over 10,000 incidents (goal: under 100 ms per query after
 * the index is built). The limit beside it is the least any search over the
 * same texts does without an index: one pass over every incident's text,
 * lowercased once beforehand, asking String.includes for each of the query's
 * words.
 */
import { buildRelatedIndex, incidentText } from '../../src/core/search/relatedIncidents';
import { searchTokens } from '../../src/core/search/searchTokens';
import { realisticHistory } from '../unit/core/search/relatedHistory';
import { timeSync } from './timing';

const COUNT = 10_000;
const QUERIES = 50;
const { incidents, extras } = realisticHistory(COUNT, 7);
const queries = Array.from({ length: QUERIES }, (_, i) => incidents[(i * 197) % COUNT]);

const build = timeSync(3, () => buildRelatedIndex(incidents, extras));
const index = buildRelatedIndex(incidents, extras);
const ours = timeSync(5, () => queries.forEach((query) => index.relatedTo(query.id, 10))) / QUERIES;

const texts = incidents.map((incident) => incidentText(incident, extras.get(incident.id)).toLowerCase());
const limit =
  timeSync(5, () =>
    queries.forEach((query) => {
      const words = [...new Set(searchTokens(incidentText(query, extras.get(query.id))))];
      let hits = 0;
      for (const text of texts) for (const word of words) if (text.includes(word)) hits++;
      return hits;
    }),
  ) / QUERIES;

console.log(`related incidents over ${COUNT.toLocaleString('en')} incidents          ours (ms)   limit (ms)   ratio`);
console.log(`${'one query (top 10, with why)'.padEnd(47)} ${ours.toFixed(2).padStart(9)}   ${limit.toFixed(2).padStart(10)}   ${(ours / limit).toFixed(2).padStart(5)}x`);
console.log(`${'index build, once'.padEnd(47)} ${build.toFixed(0).padStart(9)}`);
console.log('limit: a linear String.includes scan of every text for each query word, no ranking');
console.log(`goal: under 100 ms per query after the build: ${ours < 100 ? 'met' : 'NOT met'}`);
