-- Every IP pledge is registered in the finance module's duplicate-financing registry (asset type
-- 'ip_asset', finance migration 0006), in the same transaction as its row here, so a right
-- pledged on the hub is known to every bank that checks the registry. The row keeps who pledged
-- what to which bank, for the holder's and the bank's pages, and names its registration.
-- Pledges made before this migration have none (the registry key is derived from the hub secret,
-- which SQL does not hold, so they cannot be fingerprinted here); every new one must.
alter table expo.ip_pledges add column registration_id text;

create function expo.require_pledge_registration() returns trigger language plpgsql as $$
begin
  if new.registration_id is null then
    raise exception 'expo.ip_pledges: a new pledge names its finance registration';
  end if;
  return new;
end;
$$;

-- On insert only: rows made before this migration are still released (updated) without one.
create trigger ip_pledges_registration_required
  before insert on expo.ip_pledges
  for each row execute function expo.require_pledge_registration();

-- One registration stands for one pledge.
create unique index ip_pledges_one_per_registration on expo.ip_pledges (registration_id)
  where registration_id is not null;
