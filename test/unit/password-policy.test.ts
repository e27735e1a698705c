import { describe, expect, it } from 'vitest';
import { passwordPolicyViolations } from '#shared/identity/password-policy';

describe('password policy', () => {
  it('accepts a strong password', () => {
    expect(passwordPolicyViolations('Correct-Horse-9-Battery')).toEqual([]);
  });

  it('names each rule a weak password breaks', () => {
    const violations = passwordPolicyViolations('short');
    expect(violations.join(' ')).toContain('rule: minLength');
    expect(violations.join(' ')).toContain('rule: requireUppercase');
    expect(violations.join(' ')).toContain('rule: requireDigits');
    expect(violations.join(' ')).toContain('rule: requireSymbols');
    expect(violations.join(' ')).not.toContain('rule: requireLowercase');
  });
});
