import { domainErrors, RuleViolation } from '../common/domain-error.js';

/**
 * The refusals of the evidence module (the upload intake's own are in upload-errors.ts). Document
 * revisions live in the same store, so the documents module says a missing file the same way.
 */
export class EvidenceError extends domainErrors({
  evidence_version_not_found: 404,
  evidence_withdrawn: 409,
  /** The stored file is missing or not the size recorded: the operator has to restore it. */
  evidence_file_unavailable: 500,
}) {}

/** 422: the clauses named have sub-clauses; evidence and documents attach to leaf clauses only. */
export class ClauseNotLeaf extends RuleViolation {
  constructor(parents: string[]) {
    super('clause_not_leaf', { clauses: parents.join(', ') }, [
      { field: 'clauses', rule: 'clauseNotLeaf', values: parents },
    ]);
  }
}

/** 422: the clauses named belong to another standard than the unit's. */
export class ClauseOtherStandard extends RuleViolation {
  constructor(foreign: string[], standards: string[]) {
    super(
      'clause_other_standard',
      { clauses: foreign.join(', '), standard: standards.join(', ') },
      [{ field: 'clauses', rule: 'clauseOtherStandard', values: foreign }],
    );
  }
}
