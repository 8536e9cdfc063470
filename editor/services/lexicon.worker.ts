/** The editor's lexicon worker (core/ocr/lexicon-worker.ts): fetches and indexes the lexicon off the page's thread. */
import { readLexiconText, serveLexiconIndex, type LexiconWorkerScope } from '../../core/ocr/lexicon-worker.ts';

serveLexiconIndex(self as unknown as LexiconWorkerScope, (request) => readLexiconText(request, fetch, DecompressionStream));
