-- Invoices and credit notes (issue 9). Every booking has an invoice, created in the booking's own
-- transaction: a draft (no number) while the booking awaits approval, issued (numbered, posted to
-- the ledger) when it is confirmed. An issued document is never edited: corrections and refunds are
-- credit notes, which refer to the invoice they correct. Numbers are sequential per studio and kind
-- and gap-free: each is taken from invoice_counter in the transaction that issues the document, so a
-- rollback gives it back.

-- The studio's legal details as printed on its invoices; a studio without a row prints its name.
CREATE TABLE invoice_settings (
    studio_id          uuid        NOT NULL REFERENCES studio (id),
    legal_name         text        CHECK (length(legal_name) <= 200),
    address            text        CHECK (length(address) <= 1000),
    tax_id             text        CHECK (length(tax_id) <= 100),
    footer             text        CHECK (length(footer) <= 2000),
    invoice_prefix     text        NOT NULL DEFAULT 'INV-' CHECK (invoice_prefix ~ '^[A-Za-z0-9/_.-]{0,20}$'),
    credit_note_prefix text        NOT NULL DEFAULT 'CN-' CHECK (credit_note_prefix ~ '^[A-Za-z0-9/_.-]{0,20}$'),
    -- days after issue an invoice falls due when its session is later than that (0: at the session)
    payment_terms_days int         NOT NULL DEFAULT 0 CHECK (payment_terms_days BETWEEN 0 AND 365),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id),
    CHECK (invoice_prefix <> credit_note_prefix)
);

-- The next number of each kind of document, per studio. Taken with
-- INSERT … ON CONFLICT DO UPDATE SET next = next + 1 RETURNING: the row stays locked until the
-- issuing transaction ends, so two transactions never get the same number, and one that rolls back
-- leaves the counter as it was (no gap).
CREATE TABLE invoice_counter (
    studio_id uuid   NOT NULL REFERENCES studio (id),
    kind      text   NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    next      bigint NOT NULL CHECK (next >= 1),
    PRIMARY KEY (studio_id, kind)
);

CREATE TABLE invoice (
    studio_id          uuid        NOT NULL REFERENCES studio (id),
    id                 uuid        NOT NULL,
    kind               text        NOT NULL CHECK (kind IN ('invoice', 'credit_note')),
    -- booking: the session's own invoice; fee: a reschedule fee; credit: a credit note
    purpose            text        NOT NULL CHECK (purpose IN ('booking', 'fee', 'credit')),
    -- draft → issued → partially_paid → paid; credited (settled by credit notes, nothing paid);
    -- void (a draft that was never issued). A credit note is issued and stays so.
    status             text        NOT NULL CHECK (status IN ('draft', 'issued', 'partially_paid', 'paid', 'credited', 'void')),
    -- the booking (the purchase reference of payments)
    reference          uuid        NOT NULL,
    booking_code       text        NOT NULL,
    -- a credit note's invoice
    credits_invoice_id uuid,
    seq                bigint      CHECK (seq >= 1),
    number             text,
    lines              jsonb       NOT NULL DEFAULT '[]' CHECK (jsonb_typeof(lines) = 'array'),
    subtotal_cents     bigint      NOT NULL CHECK (subtotal_cents BETWEEN 0 AND 100000000000),
    tax_cents          bigint      NOT NULL CHECK (tax_cents BETWEEN 0 AND 100000000000),
    total_cents        bigint      NOT NULL CHECK (total_cents BETWEEN 0 AND 100000000000),
    deposit_cents      bigint      NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
    currency           text        NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
    -- what the booking's payments and credit notes settle of this invoice (allocated oldest first;
    -- derived from payments and credit notes, recomputed whenever either changes)
    paid_cents         bigint      NOT NULL DEFAULT 0 CHECK (paid_cents >= 0),
    credited_cents     bigint      NOT NULL DEFAULT 0 CHECK (credited_cents >= 0),
    client_id          uuid        NOT NULL,
    client_name        text        NOT NULL,
    client_email       text,
    client_phone       text,
    seller_name        text        NOT NULL,
    seller_address     text,
    seller_tax_id      text,
    footer             text,
    session_start_at   timestamptz NOT NULL,
    issued_at          timestamptz,
    due_at             timestamptz,
    reason             text        CHECK (length(reason) <= 2000),
    created_at         timestamptz NOT NULL DEFAULT now(),
    updated_at         timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, id),
    FOREIGN KEY (studio_id, credits_invoice_id) REFERENCES invoice (studio_id, id),
    CHECK (total_cents = subtotal_cents + tax_cents),
    CHECK (paid_cents + credited_cents <= total_cents),
    -- a number exactly when issued: drafts and voided drafts spend none
    CHECK ((status IN ('draft', 'void')) = (seq IS NULL)),
    CHECK ((seq IS NULL) = (number IS NULL) AND (seq IS NULL) = (issued_at IS NULL)),
    CHECK ((kind = 'credit_note') = (purpose = 'credit')),
    CHECK ((kind = 'credit_note') = (credits_invoice_id IS NOT NULL)),
    CHECK (kind = 'invoice' OR status = 'issued')
);
CREATE UNIQUE INDEX invoice_number ON invoice (studio_id, kind, seq);
-- one session invoice per booking
CREATE UNIQUE INDEX invoice_of_booking ON invoice (studio_id, reference) WHERE purpose = 'booking';
CREATE INDEX invoice_by_reference ON invoice (studio_id, reference, created_at);
CREATE INDEX invoice_by_issue ON invoice (studio_id, issued_at DESC) WHERE issued_at IS NOT NULL;
CREATE INDEX invoice_by_client ON invoice (studio_id, client_id, created_at);

-- An issued document is never edited: once it has a number, only what settles it moves (status,
-- paid and credited amounts, and the due date, which follows a moved session). Everything printed
-- on it is frozen, and it is never deleted.
CREATE FUNCTION refuse_issued_invoice_edit() RETURNS trigger LANGUAGE plpgsql AS $$
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
           NEW.client_id, NEW.client_name, NEW.client_email, NEW.client_phone, NEW.seller_name,
           NEW.seller_address, NEW.seller_tax_id, NEW.footer, NEW.issued_at, NEW.reason, NEW.created_at)
       IS DISTINCT FROM (
           OLD.kind, OLD.purpose, OLD.reference, OLD.booking_code, OLD.credits_invoice_id, OLD.seq, OLD.number,
           OLD.lines, OLD.subtotal_cents, OLD.tax_cents, OLD.total_cents, OLD.deposit_cents, OLD.currency,
           OLD.client_id, OLD.client_name, OLD.client_email, OLD.client_phone, OLD.seller_name,
           OLD.seller_address, OLD.seller_tax_id, OLD.footer, OLD.issued_at, OLD.reason, OLD.created_at)
    THEN
        RAISE EXCEPTION 'invoice % is issued: its amounts, lines and number cannot change', OLD.number
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
CREATE TRIGGER issued_invoice_frozen BEFORE UPDATE OR DELETE ON invoice
    FOR EACH ROW EXECUTE FUNCTION refuse_issued_invoice_edit();

REVOKE DELETE, TRUNCATE ON invoice FROM ${app_role};

-- Bookings that ended without the session being owed (canceled, rejected, expired): from then on
-- every transaction that moves their money ends with credit notes bringing what the client owes
-- down to what they paid and keep.
CREATE TABLE invoice_closure (
    studio_id uuid        NOT NULL REFERENCES studio (id),
    reference uuid        NOT NULL,
    reason    text        NOT NULL CHECK (length(reason) <= 200),
    closed_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (studio_id, reference)
);

ALTER TABLE invoice_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON invoice_settings
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE invoice_counter ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_counter FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON invoice_counter
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE invoice_closure ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice_closure FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON invoice_closure
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
ALTER TABLE invoice ENABLE ROW LEVEL SECURITY;
ALTER TABLE invoice FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_isolation ON invoice
    USING (studio_id = current_studio_id()) WITH CHECK (studio_id = current_studio_id());
