-- Calendar files of a booking (RFC 5545) carry a SEQUENCE that must rise with every change a
-- calendar app should notice, or the app keeps the old version of the event. The database raises
-- it, so that no move of the booking module (approve, reschedule, cancel, expire, ...) can forget
-- to; changes that calendars do not show (payments, notes, staff buffers) leave it alone.
ALTER TABLE booking ADD COLUMN ics_sequence integer NOT NULL DEFAULT 0 CHECK (ics_sequence >= 0);

CREATE FUNCTION raise_booking_ics_sequence() RETURNS trigger
    LANGUAGE plpgsql AS
$$
BEGIN
    IF NEW.start_at IS DISTINCT FROM OLD.start_at
        OR NEW.end_at IS DISTINCT FROM OLD.end_at
        OR NEW.status IS DISTINCT FROM OLD.status
        OR NEW.room_id IS DISTINCT FROM OLD.room_id THEN
        NEW.ics_sequence := OLD.ics_sequence + 1;
    ELSE
        -- nobody else writes it: a calendar must never see the sequence go back
        NEW.ics_sequence := OLD.ics_sequence;
    END IF;
    RETURN NEW;
END
$$;

CREATE TRIGGER raise_ics_sequence BEFORE UPDATE ON booking
    FOR EACH ROW EXECUTE FUNCTION raise_booking_ics_sequence();
