-- Who may see what, in the spirit of Zanzibar / OpenFGA: a tuple (subject, relation, object).
-- Memberships are tuples (user:U, owner|admin|member|viewer, organisation:O); sharing an object
-- with another organisation is a tuple (organisation:B, viewer, order:X).
create schema if not exists access;

create table access.relations (
  subject_type text not null,
  subject_id text not null,
  relation text not null,
  object_type text not null,
  object_id text not null,
  created_at timestamptz not null default now(),
  created_by text,
  primary key (subject_type, subject_id, relation, object_type, object_id)
);

create index relations_by_object on access.relations (object_type, object_id, relation);
