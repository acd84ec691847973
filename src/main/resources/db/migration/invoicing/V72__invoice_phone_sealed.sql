-- The client's phone on invoices, encrypted at rest (issue 10, PRD §13), like the accounts' own
-- (identity V67). With ROOMTONE_ENCRYPTION_KEY set, the phone printed on an invoice is kept only
-- sealed (AES-256-GCM, bound to the studio and the invoice, see invoicing.InvoiceStore) in
-- client_phone_sealed, and client_phone stays NULL. Without the key it is kept in client_phone as
-- before, and sealed at the next start with a key (invoicing.InvoicePhoneSealing).
ALTER TABLE invoice
    -- a sealed number of up to ~480 characters; the account's phone it is copied from has the same cap
    ADD COLUMN client_phone_sealed bytea CHECK (length(client_phone_sealed) <= 512);

ALTER TABLE invoice ADD CONSTRAINT invoice_client_phone_kept_once
    CHECK (client_phone IS NULL OR client_phone_sealed IS NULL);

-- V41's rule, with the sealed phone frozen like everything else printed on an issued document. One
-- move is allowed on an issued document: its phone in clear moved into the sealed column (the
-- start-up pass that seals what was stored before the key was set). The sealed value is not
-- compared with the clear one here (the database has no key): a sealed value that does not open
-- for this invoice reads as no phone, it never shows another number.
CREATE OR REPLACE FUNCTION refuse_issued_invoice_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.seq IS NOT NULL THEN
            RAISE EXCEPTION 'invoice % is issued and cannot be deleted', OLD.number
                USING ERRCODE = 'check_violation', CONSTRAINT = 'issued_invoice_frozen';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.seq IS NOT NULL AND (
           NEW.kind, NEW.purpose, NEW.reference, NEW.booking_code, NEW.credits_invoice_id, NEW.seq, NEW.number,
           NEW.lines, NEW.subtotal_cents, NEW.tax_cents, NEW.total_cents, NEW.deposit_cents, NEW.currency,
           NEW.client_id, NEW.client_name, NEW.client_email, NEW.seller_name,
           NEW.seller_address, NEW.seller_tax_id, NEW.footer, NEW.issued_at, NEW.reason, NEW.created_at)
       IS DISTINCT FROM (
           OLD.kind, OLD.purpose, OLD.reference, OLD.booking_code, OLD.credits_invoice_id, OLD.seq, OLD.number,
           OLD.lines, OLD.subtotal_cents, OLD.tax_cents, OLD.total_cents, OLD.deposit_cents, OLD.currency,
           OLD.client_id, OLD.client_name, OLD.client_email, OLD.seller_name,
           OLD.seller_address, OLD.seller_tax_id, OLD.footer, OLD.issued_at, OLD.reason, OLD.created_at)
    THEN
        RAISE EXCEPTION 'invoice % is issued: its amounts, lines and number cannot change', OLD.number
            USING ERRCODE = 'check_violation', CONSTRAINT = 'issued_invoice_frozen';
    END IF;
    IF OLD.seq IS NOT NULL
       AND (NEW.client_phone, NEW.client_phone_sealed) IS DISTINCT FROM (OLD.client_phone, OLD.client_phone_sealed)
       AND NOT (OLD.client_phone IS NOT NULL AND OLD.client_phone_sealed IS NULL
                AND NEW.client_phone IS NULL AND NEW.client_phone_sealed IS NOT NULL)
    THEN
        RAISE EXCEPTION 'invoice % is issued: its client''s phone can only move from clear to sealed', OLD.number
            USING ERRCODE = 'check_violation', CONSTRAINT = 'issued_invoice_frozen';
    END IF;
    IF OLD.seq IS NOT NULL AND NEW.status IN ('draft', 'void') THEN
        RAISE EXCEPTION 'invoice % is issued and cannot go back to %', OLD.number, NEW.status
            USING ERRCODE = 'check_violation', CONSTRAINT = 'issued_invoice_frozen';
    END IF;
    IF OLD.status = 'void' AND NEW.status <> 'void' THEN
        RAISE EXCEPTION 'a void invoice stays void'
            USING ERRCODE = 'check_violation', CONSTRAINT = 'issued_invoice_frozen';
    END IF;
    RETURN NEW;
END
$$;

-- the start-up pass that seals phones left in clear finds them without reading every invoice
CREATE INDEX invoice_phone_in_clear ON invoice (studio_id) WHERE client_phone IS NOT NULL;
