-- Expo search (issue 11 §2): one search document per published product, service and exhibitor,
-- rewritten in the same transaction as the catalogue write (search/search-documents.ts), and a
-- record of every search for "see trends". The tsvector is built in Node (jieba for Chinese, a
-- plural stemmer for English, HS codes as tokens) and stored as-is, so PostgreSQL and PGlite need
-- nothing beyond core full-text search.
create table expo.search_documents (
  kind text not null check (kind in ('product', 'service', 'exhibitor')),
  id text not null,
  -- The exhibitor that owns the offering (for an exhibitor: itself).
  organisation_id text not null references expo.exhibitors (organisation_id),
  -- Weighted lexemes: A names and HS codes, B exhibitor name, certifications and city, C texts.
  document tsvector not null,
  -- Names normalised (NFKC, lower case, single spaces) for the exact-name boost.
  names text[] not null,
  hs_code char(6),
  -- A product's chapter; an exhibitor's: the chapters of its published products.
  hs_chapters text[] not null default '{}',
  -- The exhibitor's country (ISO 3166-1 alpha-2).
  country char(2) not null,
  -- Certification schemes in upper case; verified: backed by a valid credential.
  certifications text[] not null default '{}',
  verified_certifications text[] not null default '{}',
  moq numeric(18, 3),
  moq_unit text,
  price_currency char(3),
  price_min_minor bigint,
  -- A static quality score (0..1: description, images, verified certifications). Orders huge
  -- match sets before text ranking, so a common word costs a bounded amount of ranking work.
  quality real not null check (quality >= 0 and quality <= 1),
  updated_at timestamptz not null,
  primary key (kind, id)
);
create index search_documents_text on expo.search_documents using gin (document);
-- Walked in order for common words: the first matches found are the best by quality.
create index search_documents_quality on expo.search_documents (quality desc, id);
create index search_documents_by_organisation on expo.search_documents (organisation_id);
-- Price and MOQ filters are ranges, not lexemes: these partial B-trees give the planner a bitmap
-- to AND with the text index's, so "chargers under USD 2" reads only the rows that pass both.
create index search_documents_price on expo.search_documents (price_currency, price_min_minor)
  where kind = 'product';
create index search_documents_moq on expo.search_documents (moq_unit, moq) where kind = 'product';

-- Every search, for trends (what buyers look for) and the searcher's recent searches.
create table expo.search_queries (
  id bigint generated always as identity primary key,
  -- The searching organisation.
  organisation_id text not null references identity.organisations (id),
  query_normalised text not null check (length(query_normalised) <= 200),
  language text not null check (language in ('zh', 'en', 'mixed')),
  kinds text[] not null,
  -- The filters asked for, as given (hsChapter, country, certification …).
  filters jsonb not null default '{}',
  -- HS chapters of the top results: what the search was about, for trends by category.
  result_hs_chapters text[] not null default '{}',
  result_count int not null check (result_count >= 0),
  took_ms int not null check (took_ms >= 0),
  created_at timestamptz not null
);
create index search_queries_by_time on expo.search_queries (created_at);
create index search_queries_by_organisation on expo.search_queries (organisation_id, created_at desc);
