/**
 * Typed errors of the analytics. Each carries a stable `code` that the API maps to a problem+json status
 * (analytics knows nothing of HTTP):
 *   invalid-input          → 400/422  an argument or option the function refuses (`field` names it)
 *   unknown-firm           → 404/422  a firm id that the snapshot does not hold
 *   convergence-condition  → 422      the network breaks an accounting rule that the series needs
 *   not-converged          → 422      an iteration used up its maxIterations
 *   overflow               → 422      numbers so large that the result would not be finite
 */
export type AnalyticsErrorCode = 'invalid-input' | 'unknown-firm' | 'convergence-condition' | 'not-converged' | 'overflow';

export class AnalyticsError extends Error {
  readonly code: AnalyticsErrorCode;

  constructor(code: AnalyticsErrorCode, message: string) {
    super(message);
    this.name = new.target.name;
    this.code = code;
  }
}

/** An argument or option was refused; `field` names it (e.g. `weights`, `shocks[2].amount`). */
export class AnalyticsInputError extends AnalyticsError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('invalid-input', message);
    this.field = field;
  }
}

/** Inputs (`field` names them) so large that a sum or product would overflow to ±Infinity. */
export class OverflowError extends AnalyticsError {
  readonly field: string;

  constructor(field: string, message: string) {
    super('overflow', message);
    this.field = field;
  }
}

export class UnknownFirmError extends AnalyticsError {
  readonly firmId: string;

  constructor(caller: string, firmId: string) {
    super('unknown-firm', `${caller}: no firm with id "${firmId}" in the snapshot`);
    this.firmId = firmId;
  }
}

/**
 * A firm's network purchases (or sales) are not below its revenue, so a coefficient column (row) sum is
 * ≥ 1 and the Leontief (Ghosh) series is not guaranteed to converge.
 */
export class ConvergenceConditionError extends AnalyticsError {
  readonly firmId: string;
  /** Σ_i z_ij (purchases, Leontief) or Σ_j z_ij (sales, Ghosh) of the named firm. */
  readonly flow: number;
  readonly revenue: number;
  /** How many firms break the condition, the named one included. */
  readonly violations: number;

  constructor(message: string, firmId: string, flow: number, revenue: number, violations: number) {
    super('convergence-condition', message);
    this.firmId = firmId;
    this.flow = flow;
    this.revenue = revenue;
    this.violations = violations;
  }
}

export class NonConvergenceError extends AnalyticsError {
  readonly iterations: number;
  readonly residual: number;
  readonly tolerance: number;

  constructor(caller: string, iterations: number, residual: number, tolerance: number) {
    super(
      'not-converged',
      `${caller}: did not converge in ${iterations} iterations (residual ${residual.toExponential(3)}, ` +
        `tolerance ${tolerance.toExponential(3)})`,
    );
    this.iterations = iterations;
    this.residual = residual;
    this.tolerance = tolerance;
  }
}
