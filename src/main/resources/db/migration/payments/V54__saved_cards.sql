-- Cards saved for later charges (issue 9, the balance charged automatically). The payments module
-- still knows nothing about bookings: a customer belongs to a party (the client's account id), a
-- saved card to a purchase (the booking's id).

-- One provider customer per studio and party, created once (the provider call carries an
-- idempotency key derived from the studio and the party, so two nodes create one customer).
CREATE TABLE payment_customer (
    studio_id    uuid        NOT NULL REFERENCES studio (id),
    party        uuid        NOT NULL,
    provider     text        NOT NULL CHECK (provider IN ('stripe')),
    customer_ref text        NOT NULL CHECK (length(customer_ref) <= 255),
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, party, provider)
);

-- The purchase's card intent is made for customer_ref with setup_future_usage=off_session; the
-- payment method it succeeded with is kept to charge what is still owed later.
ALTER TABLE purchase
    ADD COLUMN customer_ref   text CHECK (length(customer_ref) <= 255),
    ADD COLUMN payment_method text CHECK (length(payment_method) <= 255),
    ADD COLUMN card_saved_at  timestamptz;

-- A charge made without the client present, with the saved card (off_session=true, confirm=true).
ALTER TABLE payment_operation ADD COLUMN off_session boolean NOT NULL DEFAULT false;

ALTER TABLE payment_customer ENABLE ROW LEVEL SECURITY;
ALTER TABLE payment_customer FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON payment_customer
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
