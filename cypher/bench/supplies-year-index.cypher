// The relationship index the schema once had (schema/07-supplies-year drops it), for bench:offline's measure.
CREATE INDEX supplies_year IF NOT EXISTS FOR ()-[s:SUPPLIES]-() ON (s.year)
