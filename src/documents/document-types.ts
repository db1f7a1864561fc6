/** The kinds of controlled document (ISO 9001 7.5; Permenpan RB 15/2014 for the service standard and pledge). */
export const DOCUMENT_TYPES = [
  'manual',
  'procedure',
  'work_instruction',
  'form',
  'service_standard',
  'service_pledge',
  'external',
  'record_template',
] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

export const CONFIDENTIALITY = ['public', 'internal', 'restricted'] as const;
export type Confidentiality = (typeof CONFIDENTIALITY)[number];

export const REVISION_STATES = [
  'draft',
  'in_review',
  'approved',
  'effective',
  'superseded',
  'withdrawn',
] as const;
export type RevisionState = (typeof REVISION_STATES)[number];

/** What a transition needs of its caller: the officer's write permission or the approver's. */
export type DocumentPower = 'write' | 'approve';
