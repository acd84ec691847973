-- The questions a service asks when it is booked ("Song title", "Number of musicians"): a JSON list
-- of {key, label, type, required, options}, checked by Services (CustomFields) before it is stored.
-- Bookings snapshot the definitions with their answers (booking V24), so editing them later changes
-- no booking.
ALTER TABLE service ADD COLUMN custom_fields jsonb NOT NULL DEFAULT '[]'
    CHECK (jsonb_typeof(custom_fields) = 'array' AND jsonb_array_length(custom_fields) <= 20);
