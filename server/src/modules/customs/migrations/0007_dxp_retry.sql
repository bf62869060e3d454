-- A message the E-port did not take is retried in the background with a growing pause: the time
-- of its next attempt (null: at once).
alter table customs.dxp_outbox add column next_attempt_at timestamptz;
