/**
 * The JSON Schema (draft-07) of an item row, written next to every export
 * (`item.schema.json`) and used by the tests to validate every format.
 */
import { ROW_COLUMNS } from './rows.ts';
import { DECISION_TYPES } from '../minutes/decision.ts';
import { REVIEW_STATUSES } from './model.ts';

const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer', minimum: 0 };
const pageBox = {
  type: 'object',
  required: ['page', 'x', 'y', 'width', 'height'],
  properties: { page: { type: 'integer', minimum: 1 }, x: { type: 'number' }, y: { type: 'number' }, width: { type: 'number' }, height: { type: 'number' } },
};
const span = {
  type: 'object',
  required: ['start', 'end'],
  properties: { start: int, end: int, pages: { type: 'array', items: pageBox } },
};
const person = {
  type: 'object',
  required: ['name', 'party', 'municipality', 'note'],
  properties: { name: str, party: strOrNull, municipality: strOrNull, note: strOrNull, span },
};
const comment = {
  type: 'object',
  required: ['id', 'author', 'text', 'at', 'replyTo'],
  properties: { id: str, author: str, text: str, at: { type: 'string', format: 'date-time' }, replyTo: strOrNull },
};
const labelAssignment = {
  type: 'object',
  required: ['label', 'author', 'at'],
  properties: { label: str, author: str, at: { type: 'string', format: 'date-time' } },
};
const annotation = {
  type: 'object',
  required: ['id', 'start', 'end', 'orphaned', 'quote', 'prefix', 'suffix', 'labels', 'comments', 'author', 'createdAt'],
  properties: {
    id: str,
    start: { type: ['integer', 'null'], minimum: 0 },
    end: { type: ['integer', 'null'], minimum: 0 },
    orphaned: { type: 'boolean' },
    quote: str,
    prefix: str,
    suffix: str,
    labels: { type: 'array', items: labelAssignment },
    comments: { type: 'array', items: comment },
    author: str,
    createdAt: { type: 'string', format: 'date-time' },
  },
};

/** The JSON Schema of one row of items.jsonl (and of one CSV/Parquet row once its JSON cells are parsed). */
export const ITEM_ROW_SCHEMA = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://referat-studio.invalid/schema/item-row-1.json',
  title: 'Referat Studio item row, schema version 1',
  description: 'One agenda item of KL regional council (KKR) minutes with the analysts’ labels, comments and review. Offsets are UTF-16 offsets into the meeting’s normalized text; page boxes are PDF user units on a 1-based page.',
  type: 'object',
  additionalProperties: false,
  required: [...ROW_COLUMNS],
  properties: {
    schemaVersion: { const: 1 },
    documentId: str,
    meetingId: str,
    body: str,
    kind: { enum: ['referat', 'dagsorden'] },
    date: { type: ['string', 'null'], pattern: '^\\d{4}-\\d{2}-\\d{2}$' },
    location: strOrNull,
    sectionNumber: str,
    sectionTitle: str,
    id: str,
    number: str,
    sectionNo: { type: ['integer', 'null'], minimum: 0 },
    itemNo: { type: ['integer', 'null'], minimum: 0 },
    title: str,
    caseNumber: strOrNull,
    caseworkers: { type: 'array', items: str },
    baggrund: strOrNull,
    indstilling: strOrNull,
    sagsfremstilling: strOrNull,
    beslutning: strOrNull,
    decisionType: { enum: [...DECISION_TYPES, null] },
    decisionTypeSource: { enum: ['adjudication', 'label', 'rule', null] },
    labels: { type: 'array', items: { ...labelAssignment, required: [...labelAssignment.required, 'annotationId'], properties: { ...labelAssignment.properties, annotationId: str } } },
    finalLabels: { type: 'array', items: str },
    adjudications: {
      type: 'array',
      items: {
        type: 'object',
        required: ['label', 'value', 'decidedBy', 'at', 'note'],
        properties: { label: str, value: { type: 'boolean' }, decidedBy: str, at: { type: 'string', format: 'date-time' }, note: strOrNull },
      },
    },
    comments: { type: 'array', items: { ...comment, required: [...comment.required, 'annotationId'], properties: { ...comment.properties, annotationId: str } } },
    annotations: { type: 'array', items: annotation },
    reviewStatus: { enum: [...REVIEW_STATUSES] },
    reviewedBy: strOrNull,
    reviewedAt: { type: ['string', 'null'], format: 'date-time' },
    attachments: { type: 'array', items: span },
    participants: { type: 'array', items: person },
    absent: { type: 'array', items: person },
    source: {
      type: 'object',
      required: ['name', 'url', 'sha256', 'fingerprint', 'pages'],
      properties: { name: str, url: strOrNull, sha256: { type: 'string', pattern: '^([0-9a-f]{64})?$' }, fingerprint: strOrNull, pages: { type: ['integer', 'null'] } },
    },
    span,
    titleSpan: span,
    caseSpan: { oneOf: [span, { type: 'null' }] },
    fieldSpans: {
      type: 'object',
      additionalProperties: false,
      properties: { baggrund: span, indstilling: span, sagsfremstilling: span, beslutning: span },
    },
  },
} as const;
