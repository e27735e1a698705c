/**
 * The password policy, defined once: the Cognito user pool is configured from it (infra)
 * and registration validates against it, so a weak password is refused with a 400 that
 * names the rule before Cognito is ever called.
 */
export const PASSWORD_POLICY = {
  minLength: 12,
  requireLowercase: true,
  requireUppercase: true,
  requireDigits: true,
  requireSymbols: true,
} as const;

/** Rules a password breaks, each as a human-readable sentence naming the rule. */
export function passwordPolicyViolations(password: string): string[] {
  const violations: string[] = [];
  if (password.length < PASSWORD_POLICY.minLength) {
    violations.push(`password must be at least ${PASSWORD_POLICY.minLength} characters long (rule: minLength)`);
  }
  if (PASSWORD_POLICY.requireLowercase && !/[a-z]/.test(password)) {
    violations.push('password must contain a lowercase letter (rule: requireLowercase)');
  }
  if (PASSWORD_POLICY.requireUppercase && !/[A-Z]/.test(password)) {
    violations.push('password must contain an uppercase letter (rule: requireUppercase)');
  }
  if (PASSWORD_POLICY.requireDigits && !/[0-9]/.test(password)) {
    violations.push('password must contain a digit (rule: requireDigits)');
  }
  if (PASSWORD_POLICY.requireSymbols && !/[\^$*.[\]{}()?"!@#%&/\\,><':;|_~`=+-]/.test(password)) {
    violations.push('password must contain a symbol (rule: requireSymbols)');
  }
  return violations;
}
