-- Idempotency keys of externally triggered writes (the Idempotency-Key header). A key is claimed
-- inside the transaction of the change it guards, so a change and its claim commit together or
-- not at all; the answer is stored (encrypted) once it is sent, for replay to a retrying client.
create schema if not exists idempotency;

create table idempotency.keys (
  scope text not null,
  key text not null,
  request_hash text not null,
  request_id text not null,
  created_at timestamptz not null default now(),
  status_code int,
  sealed_response text,
  primary key (scope, key)
);
