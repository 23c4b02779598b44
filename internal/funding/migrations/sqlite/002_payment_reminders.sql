-- When a supporter was reminded that their payment has not arrived.
ALTER TABLE funding_reservations ADD COLUMN reminded_at TIMESTAMP;
