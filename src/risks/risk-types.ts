/** Risks and opportunities (ISO 9001 6.1): the plain vocabulary shared by rules, entity and readiness. */

export const RISK_KINDS = ['risk', 'opportunity'] as const;
export type RiskKind = (typeof RISK_KINDS)[number];

/** Levels, lowest first: a matrix cell holds one of them. */
export const RISK_LEVELS = ['low', 'medium', 'high', 'extreme'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** Levels that ask for a treatment before 6.1 counts as evidenced. */
export const HIGH_LEVELS: readonly RiskLevel[] = ['high', 'extreme'];

/** How a risk is treated (avoid, reduce, accept, transfer) or an opportunity taken up. */
export const TREATMENTS: Record<RiskKind, readonly string[]> = {
  risk: ['avoid', 'reduce', 'accept', 'transfer'],
  opportunity: ['exploit', 'enhance', 'share', 'accept'],
};
export const ALL_TREATMENTS = [
  'avoid',
  'reduce',
  'accept',
  'transfer',
  'exploit',
  'enhance',
  'share',
] as const;
export type Treatment = (typeof ALL_TREATMENTS)[number];

/**
 * A risk matrix: `scale` steps of likelihood and of impact (1..scale), and the level of every cell,
 * `cells[likelihood - 1][impact - 1]`.
 */
export interface RiskMatrix {
  scale: number;
  cells: RiskLevel[][];
}
