-- Token buckets of the rate limits (Bucket4j's PostgreSQL layout: state is its serialized bucket,
-- expires_at the epoch millisecond after which the bucket would be full again, i.e. no different
-- from an absent one, so the clean-up job may delete it). Every node reads and writes the same rows,
-- so a limit holds across the whole installation.
-- Not studio data: the key names the studio itself (and carries only a digest of an e-mail address),
-- and buckets are consulted before any transaction binds a studio, hence no row-level policy.
CREATE TABLE rate_limit_bucket (
    id         text   NOT NULL PRIMARY KEY,
    state      bytea,
    expires_at bigint
);
CREATE INDEX rate_limit_bucket_expires_at ON rate_limit_bucket (expires_at);
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit_bucket TO ${app_role};
