-- What the provider says after it accepted a message (issue 10): Twilio reports a text's fate to
-- the status callback given when it was sent, naming it by its message SID. The SID is kept when a
-- text is sent, so that a report finds its delivery; delivered_at records the handset's receipt.
-- A retry clears both: the old SID's late reports must not touch the new attempt.
ALTER TABLE delivery
    ADD COLUMN provider_id  text CHECK (provider_id ~ '^[A-Za-z0-9]{1,64}$'),
    ADD COLUMN delivered_at timestamptz;

-- not unique: a provider's ids are its own business (and test stubs repeat one); a report updates
-- every delivery of the studio holding that id
CREATE INDEX delivery_by_provider_id ON delivery (studio_id, provider_id) WHERE provider_id IS NOT NULL;
