-- One transfer or reservation between two accounts, decided and written in one call: the same
-- rules as service/posting.ts (planMove) for the common case of one plain move, so that a
-- transfer costs one round trip instead of five. Locks both accounts first, in id order,
-- FOR NO KEY UPDATE (the order every posting takes), then reads the idempotency key, checks,
-- inserts the transfer, updates both accounts and writes both entries. A refusal writes nothing
-- and is answered as (code, field); the caller turns it into the same AppError posting.ts throws.
-- The CHECK constraints on accounts still have the last word.
create function payments.post_move(
  p_transfer_id text,
  p_organisation_id text,
  p_client_id text,
  p_debit_account_id text,
  p_credit_account_id text,
  p_amount bigint,
  p_currency text,
  p_kind text,
  p_expires_at timestamptz,
  p_reference text,
  p_request_hash bytea,
  p_now timestamptz
) returns table (outcome text, field text, transfer_id text)
language plpgsql as $$
declare
  acc payments.accounts%rowtype;
  d payments.accounts%rowtype;
  c payments.accounts%rowtype;
  prev_id text;
  prev_hash bytea;
  d_pending bigint;
  d_posted bigint;
  c_pending bigint;
  c_posted bigint;
begin
  for acc in
    select * from payments.accounts a
    where a.id in (p_debit_account_id, p_credit_account_id)
    order by a.id
    for no key update
  loop
    if acc.id = p_debit_account_id then d := acc; end if;
    if acc.id = p_credit_account_id then c := acc; end if;
  end loop;

  select t.id, t.request_hash into prev_id, prev_hash
  from payments.transfers t
  where t.organisation_id = p_organisation_id and t.client_id = p_client_id;
  if prev_id is not null then
    if prev_hash = p_request_hash then
      return query select 'replayed'::text, null::text, prev_id;
    else
      return query select 'payments.idempotency_conflict'::text, 'id'::text, prev_id;
    end if;
    return;
  end if;

  if d.id is null or d.organisation_id <> p_organisation_id then
    return query select 'payments.account_not_found'::text, 'debitAccountId'::text, null::text;
    return;
  end if;
  if c.id is null then
    return query select 'payments.account_not_found'::text, 'creditAccountId'::text, null::text;
    return;
  end if;
  if d.id = c.id then
    return query select 'payments.same_account'::text, 'creditAccountId'::text, null::text;
    return;
  end if;
  if d.currency <> c.currency then
    return query select 'payments.quote_required'::text, 'creditAccountId'::text, null::text;
    return;
  end if;
  if p_currency <> d.currency then
    return query select 'payments.currency_mismatch'::text, 'currency'::text, null::text;
    return;
  end if;
  if d.closed or c.closed then
    return query select 'payments.account_closed'::text, null::text, null::text;
    return;
  end if;

  d_pending := d.debits_pending + case when p_kind = 'pending' then p_amount else 0 end;
  d_posted := d.debits_posted + case when p_kind = 'single' then p_amount else 0 end;
  c_pending := c.credits_pending + case when p_kind = 'pending' then p_amount else 0 end;
  c_posted := c.credits_posted + case when p_kind = 'single' then p_amount else 0 end;
  if d.debits_must_not_exceed_credits
     and d_pending + d_posted > d.credits_posted + d.credit_limit_minor then
    return query select 'payments.exceeds_credit_limit'::text, 'amount'::text, null::text;
    return;
  end if;
  if c.credits_must_not_exceed_debits and c_pending + c_posted > c.debits_posted then
    return query select 'payments.exceeds_debit_limit'::text, 'amount'::text, null::text;
    return;
  end if;

  insert into payments.transfers (id, organisation_id, client_id, debit_account_id, credit_account_id,
    amount, currency, kind, pending_id, expires_at, batch_id, reverses_id, fx_quote_id, reference,
    request_hash, created_at)
  values (p_transfer_id, p_organisation_id, p_client_id, d.id, c.id, p_amount, d.currency, p_kind,
    null, case when p_kind = 'pending' then p_expires_at end, null, null, null, p_reference,
    p_request_hash, p_now);
  update payments.accounts set debits_pending = d_pending, debits_posted = d_posted,
    version = version + 1 where id = d.id;
  update payments.accounts set credits_pending = c_pending, credits_posted = c_posted,
    version = version + 1 where id = c.id;
  insert into payments.entries (transfer_id, account_id, side, amount, balance_after, pending_after,
    account_version, created_at)
  values
    (p_transfer_id, d.id, 'debit', p_amount, d.credits_posted - d_posted,
      d.credits_pending - d_pending, d.version + 1, p_now),
    (p_transfer_id, c.id, 'credit', p_amount, c_posted - c.debits_posted,
      c_pending - c.debits_pending, c.version + 1, p_now);
  return query select 'posted'::text, null::text, p_transfer_id;
end;
$$;
