CREATE INDEX supplies_year IF NOT EXISTS FOR ()-[s:SUPPLIES]-() ON (s.year)
