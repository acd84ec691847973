-- How a studio takes money online (issue 9, "deposits and capture on approval"):
--   online_payment: what a client pays by card when booking: the deposit (default) or the full amount.
--   balance_collection: the rest is paid at the studio (default) or charged automatically, with the
--     card saved at booking, balance_charge_hours before the session.
ALTER TABLE studio_settings
    ADD COLUMN online_payment       text NOT NULL DEFAULT 'deposit' CHECK (online_payment IN ('deposit', 'full')),
    ADD COLUMN balance_collection   text NOT NULL DEFAULT 'at_studio' CHECK (balance_collection IN ('at_studio', 'auto_charge')),
    ADD COLUMN balance_charge_hours int  NOT NULL DEFAULT 48 CHECK (balance_charge_hours BETWEEN 1 AND 720);
