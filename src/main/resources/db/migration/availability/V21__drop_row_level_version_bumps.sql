-- The row-level functions of V7 and V9 fire no trigger any more (identity V17, catalog V18,
-- scheduling V19 and booking V19.1 replaced their triggers with statement-level ones, V16). No
-- CASCADE: should any trigger still call them, this migration fails instead of dropping it.
DROP FUNCTION bump_catalog_version();
DROP FUNCTION bump_occupancy_version();
