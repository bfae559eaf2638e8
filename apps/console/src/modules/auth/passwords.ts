/** The server's rule (contracts' `password`): at least 10 characters, at most 256. */
export const minimumPasswordLength = 10;
export const maximumPasswordLength = 256;

/** Why a new password would be refused, or undefined when it is acceptable. */
export function passwordProblem(password: string): 'too_short' | 'too_long' | undefined {
  if (password.length < minimumPasswordLength) return 'too_short';
  if (password.length > maximumPasswordLength) return 'too_long';
  return undefined;
}
