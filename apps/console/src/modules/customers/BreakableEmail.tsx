import { emailParts } from './identities';

/** An email address that, when it must wrap, wraps before its "@" first. */
export function BreakableEmail({ email }: { email: string }) {
  const [local, domain] = emailParts(email);
  return (
    <>
      {local}
      {domain && <wbr />}
      {domain}
    </>
  );
}
