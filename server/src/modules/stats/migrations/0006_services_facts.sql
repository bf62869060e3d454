-- Services-trade facts from the expo module's recorded deliveries (docs/stats-facts-from-events.md,
-- "Services contracts recorded in the expo"): a fact's source may now be `expo`. The services
-- dimension itself (kind 'services', EBOPS, no customs mode) was there from 0001.
alter table stats.facts drop constraint facts_source_check;
alter table stats.facts add constraint facts_source_check check (source in ('synthetic', 'customs', 'trade',
  'payments', 'logistics', 'direct_report', 'expo'));
