import { formatPhone, telHref } from './phone';

/** A stored phone number as a `tel:` link, grouped for reading and kept on one line. */
export function PhoneLink({ phone }: { phone: string }) {
  return (
    <a href={telHref(phone)} className="nowrap">
      {formatPhone(phone)}
    </a>
  );
}
