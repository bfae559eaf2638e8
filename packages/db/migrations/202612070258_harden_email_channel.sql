-- Email channel hardening: where an inbound email's quoted history begins, when the outbox last handed a message
-- to its channel, and time zones inferred from the country domain of an email sender's address.

-- Where the quoted history under an inbound email's new text ("On … wrote:", "> …") begins in body_text, as a
-- character offset (JavaScript string index); NULL when none was found. body_text keeps the whole message.
ALTER TABLE messages ADD COLUMN body_quote_start integer CHECK (body_quote_start >= 0);

-- Set, and committed, just before the delivery job hands the message to its channel; cleared when the attempt
-- fails. A job that finds it set on a message still queued knows an earlier attempt may have sent it (the process
-- died before recording the outcome): it sends again with the same Message-ID and says so.
ALTER TABLE messages ADD COLUMN delivery_started_at timestamptz(3);

-- 'email': from the country domain of the address an inbound email came from (.hu, .uz), when that country has a
-- single time zone.
ALTER TABLE customers DROP CONSTRAINT customers_time_zone_source_check;
ALTER TABLE customers ADD CONSTRAINT customers_time_zone_source_check
  CHECK (time_zone_source IN ('explicit', 'phone', 'country', 'email'));
