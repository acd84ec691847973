-- The answers to the booked service's custom fields, with the definitions they answered as they were
-- at request time: a JSON list of {key, label, type, value}. A later edit of the service changes no
-- booking's answers or labels.
ALTER TABLE booking ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(custom_fields) = 'array');
