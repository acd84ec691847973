-- No trigger calls it since booking V30: occupancy versions move after commit, from the application.
DROP FUNCTION bump_occupancy_version_per_statement();
